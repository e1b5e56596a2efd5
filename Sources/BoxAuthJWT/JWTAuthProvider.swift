public import BoxAuth
public import Foundation
public import Logging

/// Tokens for a JWT app's service account (or any subject), cached and refreshed early.
///
/// ```swift
/// import BoxAuthJWT
/// import BoxAuthURLSession
/// let config = try BoxAppConfig.load(contentsOf: URL(fileURLWithPath: "config.json"))
/// let provider = try JWTAuthProvider(config: config, transport: URLSessionTransport())
/// let token = try await provider.accessToken()
/// ```
public typealias JWTAuthProvider = CachedAuthProvider<JWTGrant>

extension CachedAuthProvider where Grant == JWTGrant {
    /// A provider for the app `config` describes, in one call: loads the key (decrypting it once)
    /// and acts as `subject`, by default the service account of the config's enterprise.
    /// - Parameters:
    ///   - config: The app's `config.json`, as the Box Developer Console downloads it.
    ///   - subject: Whom tokens act for; nil means the config's enterprise.
    ///   - algorithm: The assertion's signature algorithm.
    ///   - baseURL: The API's base URL; tokens come from `{baseURL}/oauth2/token`.
    ///   - transport: The HTTP transport (`URLSessionTransport()` from `BoxAuthURLSession`, or another).
    ///   - refreshMargin: Renew tokens when less than this many seconds remain.
    ///   - logger: Receives one debug line per token request.
    /// - Throws: ``ConfigurationError`` when the key cannot be loaded, the URL is not acceptable or
    ///   no subject can be chosen.
    public init(
        config: BoxAppConfig, subject: BoxSubject? = nil, algorithm: JWTAlgorithm = .rs256,
        baseURL: URL = TokenEndpoint.defaultBaseURL, transport: any HTTPTransport,
        refreshMargin: Double = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth")
    ) throws(ConfigurationError) {
        let credentials = try JWTAppCredentials(config: config)
        guard let subject = subject ?? credentials.enterpriseID.map(BoxSubject.enterprise) else {
            throw ConfigurationError(
                code: .missingValue, message: "config.json has no enterpriseID and no subject was given.",
                hint: "Pass subject: .enterprise(\"ID\") or .user(\"ID\").")
        }
        let grant = JWTGrant(
            credentials: credentials, subject: subject, algorithm: algorithm,
            endpoint: try TokenEndpoint(baseURL: baseURL, transport: transport), logger: logger)
        self.init(grant: grant, refreshMargin: refreshMargin, logger: logger)
    }

    /// A provider for `grant`, renewing tokens `refreshMargin` seconds before they expire.
    public init(
        grant: JWTGrant, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth")
    ) {
        self.init(
            kind: JWTProviderFactory.kind, grant: grant, subject: grant.subject, refreshMargin: refreshMargin,
            logger: logger)
    }
}
