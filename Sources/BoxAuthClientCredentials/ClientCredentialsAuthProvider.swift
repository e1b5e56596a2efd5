public import BoxAuth
public import Foundation
public import Logging

/// Tokens from the Client Credentials Grant, cached and refreshed early.
///
/// ```swift
/// let provider = try ClientCredentialsAuthProvider(
///     clientID: "abc", clientSecret: Secret(secret), subject: .enterprise("1234567"), transport: URLSessionTransport())
/// ```
public typealias ClientCredentialsAuthProvider = CachedAuthProvider<ClientCredentialsGrant>

extension CachedAuthProvider where Grant == ClientCredentialsGrant {
    /// A provider for the app with `clientID` and `clientSecret`, acting as `subject` (the
    /// enterprise's service account, or a user), in one call.
    /// - Parameters:
    ///   - clientID: The app's client ID.
    ///   - clientSecret: The app's client secret.
    ///   - subject: Whom tokens act for.
    ///   - baseURL: The API's base URL; tokens come from `{baseURL}/oauth2/token`.
    ///   - transport: The HTTP transport (`URLSessionTransport()` from `BoxAuthURLSession`, or another).
    ///   - refreshMargin: Renew tokens when less than this many seconds remain.
    ///   - logger: Receives one debug line per token request.
    /// - Throws: ``ConfigurationError`` when the URL is not acceptable.
    public init(
        clientID: String, clientSecret: Secret, subject: BoxSubject, baseURL: URL = TokenEndpoint.defaultBaseURL,
        transport: any HTTPTransport, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth")
    ) throws(ConfigurationError) {
        let grant = ClientCredentialsGrant(
            credentials: ClientCredentials(clientID: clientID, clientSecret: clientSecret), subject: subject,
            endpoint: try TokenEndpoint(baseURL: baseURL, transport: transport), logger: logger)
        self.init(grant: grant, refreshMargin: refreshMargin, logger: logger)
    }

    /// A provider for `grant`, renewing tokens `refreshMargin` seconds before they expire.
    public init(
        grant: ClientCredentialsGrant, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth")
    ) {
        self.init(
            kind: ClientCredentialsProviderFactory.kind, grant: grant, subject: grant.subject,
            refreshMargin: refreshMargin, logger: logger)
    }
}
