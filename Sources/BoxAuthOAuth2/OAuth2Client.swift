public import BoxAuth
public import Foundation
public import Logging

/// An OAuth 2.0 app's side of Box's authorization code flow: the authorization address, the code
/// exchange, refreshes and revocation. No state of its own; ``OAuth2AuthProvider`` adds the stored,
/// shared token pair.
///
/// A server app that signs in many users uses it directly:
/// ```swift
/// let request = try client.authorizationRequest(redirectURI: callbackURL)
/// // redirect the user's browser to request.url; keep `request` in the user's session
/// let code = try request.callbackCode(from: AuthorizationRequest.callbackParameters(of: callback))
/// let pair = try await client.exchange(code: code, for: request)   // store it, e.g. one row per user
/// ```
public struct OAuth2Client: Sendable, AppCredentialsProviding {
    /// Box's authorization page.
    public static let defaultAuthorizeURL = URL(string: "https://account.box.com/api/oauth2/authorize")!
    /// The redirect URI when none is set: the loopback, on the port the login listens on.
    public static let defaultRedirectURI = URL(string: "http://127.0.0.1/callback")!

    /// The app's client ID and secret.
    public let appCredentials: AppCredentials
    /// The scopes asked for (`scope`); empty asks for the app's configured scopes.
    public let scopes: [String]
    /// Box's authorization page.
    public let authorizeURL: URL
    /// The registered redirect URI (a loopback URI takes any port).
    public let redirectURI: URL
    /// The token endpoint (`{baseURL}/oauth2/token`).
    public let endpoint: TokenEndpoint
    /// Gets debug lines per request (never a token or a secret).
    public let logger: Logger?

    /// Creates a client.
    public init(
        appCredentials: AppCredentials, scopes: [String] = [], authorizeURL: URL = defaultAuthorizeURL,
        redirectURI: URL = defaultRedirectURI, endpoint: TokenEndpoint, logger: Logger? = nil
    ) {
        self.appCredentials = appCredentials
        self.scopes = scopes
        self.authorizeURL = authorizeURL
        self.redirectURI = redirectURI
        self.endpoint = endpoint
        self.logger = logger
    }

    /// A new authorization request (fresh `state` and PKCE verifier).
    /// - Parameter redirectURI: Where Box sends the browser back; defaults to ``redirectURI``. For
    ///   a loopback listener, pass ``redirectURI`` with the listener's port filled in
    ///   (``loopbackRedirectURI(port:)``).
    public func authorizationRequest(redirectURI: URL? = nil) throws -> AuthorizationRequest {
        try AuthorizationRequest(
            authorizeURL: authorizeURL, clientID: appCredentials.clientID, redirectURI: redirectURI ?? self.redirectURI,
            scopes: scopes)
    }

    /// ``redirectURI`` with `port` (Box accepts a registered loopback redirect URI on any port).
    public func loopbackRedirectURI(port: Int) -> URL {
        guard var components = URLComponents(url: redirectURI, resolvingAgainstBaseURL: false) else {
            return redirectURI
        }
        components.port = port
        return components.url ?? redirectURI
    }

    /// Whether ``redirectURI`` points at this machine (a listener can take the callback).
    public var redirectsToLoopback: Bool {
        redirectURI.scheme == "http" && redirectURI.host.map(EndpointURL.isLoopback) == true
    }

    /// Exchanges an authorization code for a token pair (`authorization_code` grant, with the
    /// request's redirect URI and PKCE verifier). Codes work once and live about 30 seconds.
    /// - Throws: ``OAuth2Error`` (``OAuth2Error/Code/codeRefused``) when Box refuses the code;
    ///   ``TokenEndpointError`` or ``TransportError`` when Box cannot answer.
    public func exchange(
        code: String, for request: AuthorizationRequest, profile: String? = nil
    ) async throws -> TokenPair {
        do {
            return try await endpoint.requestTokenPair(logger: logger) { _ in
                [
                    ("grant_type", "authorization_code"), ("code", code),
                    ("client_id", appCredentials.clientID),
                    ("client_secret", appCredentials.clientSecret.exposedValue),
                    ("redirect_uri", request.redirectURI.absoluteString),
                    ("code_verifier", request.codeVerifier.exposedValue),
                ]
            }
        } catch let error as TokenEndpointError where error.code == .refused {
            throw OAuth2Error(
                code: .codeRefused, profile: profile, boxError: error.boxError,
                boxErrorDescription: error.boxErrorDescription)
        }
    }

    /// Spends `refreshToken` for a new pair (`refresh_token` grant). The old refresh token stops
    /// working at once.
    /// - Throws: ``TokenEndpointError`` (`invalid_grant` when Box refuses the refresh token) or
    ///   ``TransportError``.
    public func refresh(_ refreshToken: Secret) async throws -> TokenPair {
        try await endpoint.requestTokenPair(logger: logger) { _ in
            [
                ("grant_type", "refresh_token"), ("refresh_token", refreshToken.exposedValue),
                ("client_id", appCredentials.clientID), ("client_secret", appCredentials.clientSecret.exposedValue),
            ]
        }
    }

    /// Revokes `refreshToken` at `{baseURL}/oauth2/revoke` (signing out at Box).
    /// - Throws: ``TokenEndpointError`` or ``TransportError``.
    public func revoke(refreshToken: Secret) async throws {
        let token = AccessToken(value: refreshToken.exposedValue, expiresAt: .distantFuture)
        try await endpoint.revoke(token, credentials: appCredentials)
    }
}
