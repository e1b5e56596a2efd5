public import BoxAuth
package import Foundation
@_spi(Plumbing) package import BoxAuthJWT

extension EmulatorFixture {
    /// The emulator gave no token where the test needed one.
    public struct NoToken: Error, CustomStringConvertible {
        /// The answer's status.
        public let status: Int
        /// `no access_token (HTTP 400)`.
        public var description: String { "no access_token in the answer (HTTP \(status))" }
    }

    /// Fresh valid claims for the test app.
    package func claims(
        _ subject: BoxSubject = .enterprise(TestIdentity.enterpriseID), now: Date = Date()
    ) throws -> JWTClaims {
        try JWTClaims.fresh(clientID: TestIdentity.clientID, subject: subject, now: now)
    }

    /// `claims` signed with `key` (the test app's by default) under `keyID`.
    package func assertion(
        _ claims: JWTClaims, algorithm: JWTAlgorithm = .rs256, keyID: String = TestIdentity.publicKeyID,
        key: RSAPrivateKey? = nil
    ) throws -> String {
        try JWTAssertion(claims: claims, keyID: keyID, algorithm: algorithm, key: key ?? TestKeys.primary).compact
            .exposedValue
    }

    /// A JWT bearer form for `assertion`.
    public func jwtForm(
        _ assertion: String, clientID: String = TestIdentity.clientID, clientSecret: String = TestIdentity.clientSecret
    ) -> [(String, String)] {
        [
            ("grant_type", TestIdentity.jwtGrantType), ("assertion", assertion), ("client_id", clientID),
            ("client_secret", clientSecret),
        ]
    }

    /// A client credentials form.
    public func clientCredentialsForm(
        subjectType: String = "enterprise", subjectID: String = TestIdentity.enterpriseID,
        clientSecret: String = TestIdentity.clientSecret
    ) -> [(String, String)] {
        [
            ("grant_type", "client_credentials"), ("client_id", TestIdentity.clientID), ("client_secret", clientSecret),
            ("box_subject_type", subjectType), ("box_subject_id", subjectID),
        ]
    }

    /// Posts `fields` to `/oauth2/token`.
    public func postToken(_ fields: [(String, String)], path: String = "oauth2/token") async throws -> TransportResponse
    {
        try await transport.send(
            TransportRequest(
                method: "POST", url: baseURL.appendingPathComponent(path),
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: FormEncoding.encode(fields),
                timeout: 30))
    }

    /// Gets a token with `fields`.
    /// - Throws: ``NoToken`` unless the answer carries one.
    public func token(_ fields: [(String, String)]) async throws -> String {
        let response = try await postToken(fields)
        guard let token = try? response.jsonObject()["access_token"]?.stringValue else {
            throw NoToken(status: response.status)
        }
        return token
    }
}
