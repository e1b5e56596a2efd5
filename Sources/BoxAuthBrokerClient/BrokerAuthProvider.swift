public import BoxAuth
public import Foundation
public import Logging

/// Tokens from the local token broker (`box-auth serve`), which holds the credentials: this process
/// holds none, only the way to the broker.
///
/// A token is cached until the broker's `expires_at` (less the refresh margin), and concurrent
/// callers share one broker request. ``invalidate(_:)`` tells the broker the API refused the token,
/// then forgets it, so the next call gets a new one.
///
/// ```swift
/// let provider = BrokerAuthProvider(profile: "service", socketPath: "/run/user/1000/box-auth/broker.sock")
/// let token = try await provider.accessToken()
/// ```
///
/// In a profile: `{"provider": "broker", "profile": "service", "socket": "/run/user/1000/box-auth/broker.sock"}`
/// (see ``BrokerProviderFactory``).
public struct BrokerAuthProvider: AuthProvider {
    /// The broker's profile whose tokens this provider hands out.
    public let profile: String
    private let grant: BrokerTokenGrant
    private let cache: TokenCache

    /// A provider built from its grant and the cache in front of it (whose fetcher must be `grant`).
    package init(grant: BrokerTokenGrant, cache: TokenCache) {
        self.profile = grant.profile
        self.grant = grant
        self.cache = cache
    }

    /// A provider for the broker's `profile`, reached through its Unix socket at `socketPath`
    /// (the broker knows the caller by its user ID).
    /// - Parameters:
    ///   - profile: The profile's name in the broker's profiles file.
    ///   - socketPath: The broker's socket.
    ///   - timeout: Seconds to wait for each answer of the broker.
    ///   - refreshMargin: Ask the broker again when less than this many seconds remain.
    ///   - logger: Receives one debug line per broker request, and a warning when an invalidation fails.
    public init(
        profile: String, socketPath: String, timeout: TimeInterval = 30,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth")
    ) {
        let grant = BrokerTokenGrant(
            connection: BrokerConnection(socketPath: socketPath, timeout: timeout), profile: profile, logger: logger)
        self.init(
            grant: grant,
            cache: TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger, provider: Self.kind))
    }

    /// A provider for the broker's `profile`, reached through its TCP listener on a loopback address,
    /// with the bearer secret of a client in the broker's policy.
    /// - Parameters:
    ///   - profile: The profile's name in the broker's profiles file.
    ///   - url: The listener: `http://`, a loopback host (`127.0.0.1`, `[::1]`, `localhost`), a port.
    ///   - secret: The client's secret (the content of its token file).
    ///   - transport: The HTTP transport (`URLSessionTransport()` from `BoxAuthURLSession`, or another).
    ///   - timeout: Seconds to wait for each answer of the broker.
    ///   - refreshMargin: Ask the broker again when less than this many seconds remain.
    ///   - logger: Receives one debug line per broker request, and a warning when an invalidation fails.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/invalidURL``) when `url` is not
    ///   plain HTTP on a loopback host with a port.
    public init(
        profile: String, url: URL, secret: Secret, transport: any HTTPTransport, timeout: TimeInterval = 30,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth")
    ) throws(ConfigurationError) {
        if let problem = Self.problem(withLoopbackURL: url) {
            throw ConfigurationError(code: .invalidURL, message: problem.message, hint: problem.hint)
        }
        let grant = BrokerTokenGrant(
            connection: BrokerConnection(route: .loopback(url, secret: secret), transport: transport, timeout: timeout),
            profile: profile, logger: logger)
        self.init(
            grant: grant,
            cache: TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger, provider: Self.kind))
    }

    /// `broker`.
    public static let kind = "broker"
    /// `broker`.
    public var kind: String { Self.kind }
    /// Unknown here: the broker's profile decides whom tokens act for.
    public var subject: BoxSubject? { nil }

    /// The cached token, or a new one from the broker when due.
    /// - Throws: ``BrokerClientError`` when the broker is not reached, refuses, or does not answer
    ///   with a token.
    public func accessToken() async throws -> AccessToken {
        try await cache.token()
    }

    /// Tells the broker that the API refused `token` (so that it stops handing it out), then forgets
    /// it here. A failure to reach the broker is logged, not thrown.
    public func invalidate(_ token: AccessToken) async {
        await grant.invalidate(token)
        cache.invalidate(token)
    }

    /// What is wrong with `url` as a broker's TCP listener, or nil: it must be `http://` on a
    /// loopback host with a port, and nothing else (no user, path, query or fragment).
    package static func problem(withLoopbackURL url: URL) -> (message: String, hint: String)? {
        let shown = MessageText.quoted(url.absoluteString)
        let hint = "Write the broker's listener as http://127.0.0.1:PORT (or http://[::1]:PORT, http://localhost:PORT)."
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return ("\(shown) is not an absolute URL.", hint)
        }
        guard scheme == "http" else {
            return ("\(shown) is not http: the broker's TCP listener speaks plain HTTP on this machine only.", hint)
        }
        guard EndpointURL.isLoopback(host) else {
            return ("\(shown) is not on a loopback host: the broker listens on this machine only.", hint)
        }
        guard url.port != nil else { return ("\(shown) has no port.", hint) }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil,
            url.path.isEmpty || url.path == "/"
        else {
            return ("\(shown) has more than a scheme, a host and a port.", hint)
        }
        return nil
    }
}
