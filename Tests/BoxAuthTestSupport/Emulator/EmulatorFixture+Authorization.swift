public import BoxAuth
import BoxAuthEmulator
public import Foundation

extension EmulatorFixture {
    /// The emulator answered the authorization flow with something other than what the test needed.
    public struct UnexpectedAnswer: Error, CustomStringConvertible {
        /// What was expected and what came.
        public let description: String
    }

    /// The query of an authorization request for the test app, with PKCE (``TestPKCE``) unless
    /// `challenge` is nil.
    public func authorizationParameters(
        clientID: String = TestIdentity.clientID, redirectURI: String = TestPKCE.redirectURI,
        state: String? = "test-state", challenge: String? = TestPKCE.challenge, scope: String? = nil
    ) -> [(String, String)] {
        var parameters = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI)]
        if let state { parameters.append(("state", state)) }
        if let scope { parameters.append(("scope", scope)) }
        if let challenge { parameters += [("code_challenge", challenge), ("code_challenge_method", "S256")] }
        return parameters
    }

    /// The address of the authorization page with `parameters` as its query.
    public func authorizationURL(_ parameters: [(String, String)]) throws -> URL {
        let query = String(decoding: FormEncoding.encode(parameters), as: UTF8.self)
        guard let url = URL(string: baseURL.absoluteString + "/api/oauth2/authorize?" + query) else {
            throw UnexpectedAnswer(description: "cannot make an authorization URL of query '\(query)'")
        }
        return url
    }

    /// `GET /api/oauth2/authorize` with `parameters` as its query.
    public func getAuthorizationPage(_ parameters: [(String, String)]) async throws -> TransportResponse {
        try await transport.send(TransportRequest(method: "GET", url: try authorizationURL(parameters), timeout: 30))
    }

    /// `POST /api/oauth2/authorize` with `fields` form-encoded, as the consent page's form posts.
    public func postConsent(_ fields: [(String, String)]) async throws -> TransportResponse {
        try await transport.send(
            TransportRequest(
                method: "POST", url: baseURL.appendingPathComponent("api/oauth2/authorize"),
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: FormEncoding.encode(fields),
                timeout: 30))
    }

    /// Plays the user with the emulator's ``EmulatedUserAgent``: gets the consent page for
    /// `parameters`, then grants access as `userID`.
    /// - Returns: The `302 Found` answer of the form.
    public func grantConsent(
        _ parameters: [(String, String)], userID: String = TestIdentity.userID
    ) async throws -> TransportResponse {
        try await EmulatedUserAgent(transport: transport).submit(to: try authorizationURL(parameters), as: userID)
    }

    /// An authorization code granted by `userID` for `parameters`.
    public func authorizationCode(
        _ parameters: [(String, String)]? = nil, userID: String = TestIdentity.userID
    ) async throws -> String {
        let answer = try await grantConsent(parameters ?? authorizationParameters(), userID: userID)
        guard answer.status == 302, let code = Self.redirectQuery(of: answer)["code"] else {
            throw UnexpectedAnswer(description: "the consent form answered \(answer.status) without a code")
        }
        return code
    }

    /// The query items of a redirect's `Location` (the first value of each name).
    public static func redirectQuery(of response: TransportResponse) -> [String: String] {
        guard let location = response.header("Location"), let components = URLComponents(string: location) else {
            return [:]
        }
        var items: [String: String] = [:]
        for item in components.queryItems ?? [] where items[item.name] == nil { items[item.name] = item.value ?? "" }
        return items
    }

    /// An authorization-code token form for the test app.
    public func authorizationCodeForm(
        code: String, redirectURI: String? = TestPKCE.redirectURI, verifier: String? = TestPKCE.verifier,
        clientSecret: String = TestIdentity.clientSecret
    ) -> [(String, String)] {
        var form = [
            ("grant_type", "authorization_code"), ("code", code), ("client_id", TestIdentity.clientID),
            ("client_secret", clientSecret),
        ]
        if let redirectURI { form.append(("redirect_uri", redirectURI)) }
        if let verifier { form.append(("code_verifier", verifier)) }
        return form
    }

    /// A refresh-token form for `clientID` (the test app's by default).
    public func refreshForm(
        _ refreshToken: String, clientID: String = TestIdentity.clientID,
        clientSecret: String = TestIdentity.clientSecret
    ) -> [(String, String)] {
        [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientID),
            ("client_secret", clientSecret),
        ]
    }

    /// Signs in as `userID` through the whole flow and returns the token response's body.
    public func signIn(userID: String = TestIdentity.userID) async throws -> [String: JSONValue] {
        let code = try await authorizationCode(userID: userID)
        let response = try await postToken(authorizationCodeForm(code: code))
        guard response.status == 200 else { throw NoToken(status: response.status) }
        return try response.jsonObject()
    }
}
