@_spi(Plumbing) public import BoxAuth
public import Foundation

/// One sign-in's authorization request: the address to open in a browser, and the `state` and PKCE
/// verifier that its callback and code exchange must match.
///
/// Make a new one for every sign-in (``OAuth2Client/authorizationRequest(redirectURI:)``), keep it
/// until the callback arrives, then pass the callback to ``callbackCode(from:)`` and the code to
/// ``OAuth2Client/exchange(code:for:)``.
public struct AuthorizationRequest: Sendable, CustomStringConvertible {
    /// The address to open: `authorizeURL` with `response_type=code`, `client_id`, `redirect_uri`,
    /// `state`, `code_challenge`, `code_challenge_method=S256` and `scope` when set.
    public let url: URL
    /// The redirect URI sent, which the code exchange repeats (RFC 6749 §4.1.3).
    public let redirectURI: URL
    /// 256 random bits (base64url) that the callback must echo.
    public let state: String
    /// The PKCE code verifier, sent only with the code exchange.
    public let codeVerifier: Secret

    /// Builds a request with a fresh `state` and verifier from the CSPRNG.
    /// - Throws: ``ConfigurationError`` when the CSPRNG fails or the authorize URL takes no query.
    public init(authorizeURL: URL, clientID: String, redirectURI: URL, scopes: [String]) throws {
        let state = Base64URL.encode(try SecureRandom.bytes(count: 32))
        let verifier = try PKCE.makeVerifier()
        guard var components = URLComponents(url: authorizeURL, resolvingAgainstBaseURL: false) else {
            throw ConfigurationError(
                code: .invalidURL, message: "the authorize URL \(authorizeURL.absoluteString) cannot take a query.",
                hint: "Set authorizeURL to https://account.box.com/api/oauth2/authorize.")
        }
        var fields = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI.absoluteString),
            ("state", state), ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256"),
        ]
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        let query = String(decoding: FormEncoding.encode(fields), as: UTF8.self)
        components.percentEncodedQuery = [components.percentEncodedQuery, query].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: "&")
        guard let url = components.url else {
            throw ConfigurationError(
                code: .invalidURL, message: "the authorize URL \(authorizeURL.absoluteString) cannot take a query.",
                hint: "Set authorizeURL to https://account.box.com/api/oauth2/authorize.")
        }
        self.url = url
        self.redirectURI = redirectURI
        self.state = state
        self.codeVerifier = verifier
    }

    /// The authorization code a callback carries, once its `state` is checked.
    /// - Parameters:
    ///   - callback: The callback's query items (from the redirect's request, or a pasted address).
    ///   - profile: The profile, for error messages.
    /// - Throws: ``OAuth2Error``: ``OAuth2Error/Code/stateMismatch`` when `state` differs (check it
    ///   first: a forged callback must not end the sign-in), ``OAuth2Error/Code/accessDenied`` for
    ///   `error=access_denied`, ``OAuth2Error/Code/codeRefused`` for another `error`,
    ///   ``OAuth2Error/Code/invalidCallback`` with neither a code nor an error.
    public func callbackCode(from callback: [String: String], profile: String? = nil) throws(OAuth2Error) -> String {
        guard let received = callback["state"], Self.constantTimeEquals(received, state) else {
            throw OAuth2Error(code: .stateMismatch, profile: profile)
        }
        if let error = callback["error"] {
            throw OAuth2Error(
                code: error == "access_denied" ? .accessDenied : .codeRefused, profile: profile, boxError: error,
                boxErrorDescription: callback["error_description"])
        }
        guard let code = callback["code"], !code.isEmpty else {
            throw OAuth2Error(code: .invalidCallback, profile: profile)
        }
        return code
    }

    /// The query items of a callback address (`http://127.0.0.1:PORT/callback?code=...&state=...`).
    public static func callbackParameters(of url: URL) -> [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        var parameters: [String: String] = [:]
        for item in items where parameters[item.name] == nil { parameters[item.name] = item.value ?? "" }
        return parameters
    }

    /// Shows the address without `state` (the verifier is never in it).
    public var description: String { "AuthorizationRequest(redirect \(redirectURI.absoluteString), <state redacted>)" }

    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
