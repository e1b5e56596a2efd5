import BoxAuth
import BoxAuthEmulator
import BoxAuthURLSession
import Foundation
import Testing

/// An emulator serving one test app on 127.0.0.1, and the requests tests send it.
struct EmulatorHarness {
    static let clientID = "emulatortestclientid0000000001"
    static let clientSecret = "emulator-test-client-secret"
    static let enterpriseID = "1234567"
    static let userID = "33333"
    static let otherUserID = "44444"
    static let keyID = "testkey1"
    static let jwtGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    let emulator: BoxEmulator
    let baseURL: URL
    let key: RSAPrivateKey
    let transport = URLSessionTransport()

    /// A quiet configuration (only errors are logged).
    static func quietConfiguration(tokenLifetime: Int = 3600, clockOffset: TimeInterval = 0) -> BoxEmulator.Configuration {
        var configuration = BoxEmulator.Configuration(tokenLifetime: tokenLifetime, clockOffset: clockOffset)
        configuration.logger.logLevel = .error
        return configuration
    }

    /// Starts an emulator with the test app registered, runs `body`, and stops the emulator
    /// whether `body` succeeds or throws.
    static func with<Result>(
        _ configuration: BoxEmulator.Configuration = quietConfiguration(),
        _ body: (EmulatorHarness) async throws -> Result
    ) async throws -> Result {
        let key = try TestKeys.primary.get()
        let emulator = BoxEmulator(configuration: configuration)
        await emulator.register(
            EmulatedApp(
                clientID: clientID, clientSecret: clientSecret, enterpriseID: enterpriseID,
                publicKeys: [keyID: try key.publicKey], knownUserIDs: [userID, otherUserID],
                userNames: [userID: "Ada Lovelace"]))
        let harness = EmulatorHarness(emulator: emulator, baseURL: try await emulator.start(), key: key)
        do {
            let result = try await body(harness)
            await emulator.stop()
            return result
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Fresh valid claims for the test app.
    func claims(_ subject: BoxSubject = .enterprise(enterpriseID)) throws -> JWTClaims {
        try JWTClaims.fresh(clientID: Self.clientID, subject: subject)
    }

    /// `claims` signed with the test key under ``keyID``.
    func assertion(_ claims: JWTClaims, algorithm: JWTAlgorithm = .rs256) throws -> String {
        try JWTAssertion(claims: claims, keyID: Self.keyID, algorithm: algorithm, key: key).compact.exposedValue
    }

    /// A JWT bearer form for `assertion`.
    func jwtForm(
        _ assertion: String, clientID: String = clientID, clientSecret: String = clientSecret
    ) -> [(String, String)] {
        [("grant_type", Self.jwtGrantType), ("assertion", assertion), ("client_id", clientID),
         ("client_secret", clientSecret)]
    }

    /// A client credentials form.
    func clientCredentialsForm(
        subjectType: String = "enterprise", subjectID: String = enterpriseID, clientSecret: String = clientSecret
    ) -> [(String, String)] {
        [("grant_type", "client_credentials"), ("client_id", Self.clientID), ("client_secret", clientSecret),
         ("box_subject_type", subjectType), ("box_subject_id", subjectID)]
    }

    /// Posts `fields` to `/oauth2/token`.
    func postToken(_ fields: [(String, String)]) async throws -> TransportResponse {
        try await transport.send(
            TransportRequest(
                method: "POST", url: baseURL.appendingPathComponent("oauth2/token"),
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: FormEncoding.encode(fields),
                timeout: 10))
    }

    /// Gets a token with `fields`, requiring success.
    func token(_ fields: [(String, String)]) async throws -> String {
        let response = try await postToken(fields)
        return try #require(try response.jsonObject()["access_token"]?.stringValue, "status \(response.status)")
    }

    /// Gets `/2.0/users/me` with `token` as bearer and an optional `As-User`.
    func usersMe(token: String?, asUser: String? = nil) async throws -> TransportResponse {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let asUser { headers.append(("As-User", asUser)) }
        return try await transport.send(
            TransportRequest(method: "GET", url: baseURL.appendingPathComponent("2.0/users/me"), headers: headers, timeout: 10))
    }
}

extension TransportResponse {
    /// The body as a JSON object.
    func jsonObject() throws -> [String: JSONValue] {
        try #require(try JSONDecoder().decode(JSONValue.self, from: body).objectValue)
    }
}
