@_spi(Plumbing) public import BoxAuth
public import Foundation
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import Prometheus
public import ServiceLifecycle
import Synchronization

/// A local token endpoint: one process holds the app's key and hands short-lived tokens to other
/// processes, in any language, over a Unix socket (callers known by their user and group) and,
/// optionally, loopback TCP (callers known by a bearer secret).
///
/// `box-auth serve` runs one; an app can embed one as a `Service`:
/// ```swift
/// import BoxAuthBroker
/// import BoxAuthProviders
///
/// let broker = try TokenBroker(
///     configuration: .init(profilesFile: "/etc/box-auth/profiles.json", socketPath: "/run/box-auth/broker.sock"),
///     registry: .standard, logger: logger)
/// try await ServiceGroup(services: [broker], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
///
/// Clients ask `GET /v1/profiles/{name}/token` with the header `Box-Auth-Broker: 1`; the article
/// "A token broker for other languages" describes the API, the `"broker"` policy in profiles.json
/// and the threat model.
public final class TokenBroker: Service, Sendable {
    /// Where the broker listens and what it reads.
    public struct Configuration: Sendable {
        /// The profiles file (as `--profiles`); nil locates it as every command does.
        public var profilesFile: String?
        /// The Unix socket's path; nil for `$XDG_RUNTIME_DIR/box-auth/broker.sock` (else the state folder).
        public var socketPath: String?
        /// A group whose members may connect to the socket too (the socket is then 0660).
        public var socketGroup: String?
        /// A loopback address and port to listen on over TCP too (`127.0.0.1:8765`; port 0 picks one).
        public var listen: String?
        /// The file holding the TCP listener's bearer secret, created (0600, 256 random bits) when
        /// missing; nil for `broker.token` beside the socket.
        public var tokenFile: String?
        /// The limits that keep one client from stalling the others.
        public var limits: Limits

        /// A configuration; every argument is optional.
        public init(
            profilesFile: String? = nil, socketPath: String? = nil, socketGroup: String? = nil,
            listen: String? = nil, tokenFile: String? = nil, limits: Limits = Limits()
        ) {
            self.profilesFile = profilesFile
            self.socketPath = socketPath
            self.socketGroup = socketGroup
            self.listen = listen
            self.tokenFile = tokenFile
            self.limits = limits
        }
    }

    /// Request limits: body size, header count, requests in flight per client, idle connections.
    public struct Limits: Sendable {
        /// The largest request body read, in bytes (larger: 413).
        public var maximumBodySize: Int
        /// The most header fields a request may have (more: 431).
        public var maximumHeaderCount: Int
        /// The most requests one client may have in flight (more: 429).
        public var requestsPerClient: Int
        /// How long a connection may stay idle before the broker closes it.
        public var idleTimeout: Duration

        /// The defaults: 16 KiB bodies, 64 header fields, 1,024 requests in flight per client, 30 s idle.
        public init(
            maximumBodySize: Int = 16 * 1024, maximumHeaderCount: Int = 64, requestsPerClient: Int = 1024,
            idleTimeout: Duration = .seconds(30)
        ) {
            self.maximumBodySize = maximumBodySize
            self.maximumHeaderCount = maximumHeaderCount
            self.requestsPerClient = requestsPerClient
            self.idleTimeout = idleTimeout
        }
    }

    /// Where a running broker listens.
    public struct Endpoints: Sendable, Hashable {
        /// The Unix socket's path.
        public let socketPath: String
        /// The TCP port, when it listens on TCP.
        public let port: Int?
    }

    /// The profiles file's path.
    public var profilesPath: String { profiles.path }
    /// The Unix socket's path.
    public var socketPath: String { socket.path }
    /// The registry `GET /metrics` renders.
    public let metricsRegistry: PrometheusCollectorRegistry

    let api: BrokerAPI
    private let profiles: BrokerProfiles
    private let socket: SocketPlace
    private let listen: LoopbackAddress?
    private let logger: Logger
    private let readiness = Mutex<Readiness>(Readiness())

    private struct Readiness {
        var socketInode: UInt64?
        var port: Int?
        var failure: (any Error)?
        var waiters: [CheckedContinuation<Endpoints, any Error>] = []
    }

    /// Loads the profiles file and checks the socket, the listen address and the token file;
    /// nothing listens until ``run()``.
    /// - Parameters:
    ///   - configuration: Where to listen and what to read.
    ///   - registry: The provider kinds and store kinds profiles may use.
    ///   - environment: For locating the profiles file, `{"env": ...}` secrets and the default socket.
    ///   - transport: The HTTP transport to Box; nil uses the registry's default.
    ///   - metricsRegistry: Where the broker's metrics go (rendered by `GET /metrics`).
    ///   - logger: Gets the broker's own messages (listening, reloads, profiles it cannot build).
    ///   - auditLogger: Gets one audit line per request (never a token or secret); nil uses `logger`.
    /// - Throws: ``ConfigurationError`` for the profiles file, the policy or a token file;
    ///   ``TokenBrokerError`` for the socket or the listen address.
    public init(
        configuration: Configuration, registry: AuthProviderRegistry,
        environment: [String: String] = ProcessInfo.processInfo.environment, transport: (any HTTPTransport)? = nil,
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "box-auth.broker"), auditLogger: Logger? = nil
    ) throws {
        let listen = try configuration.listen.map { text throws(TokenBrokerError) in try LoopbackAddress(text) }
        let group = try configuration.socketGroup.map { name throws(TokenBrokerError) -> UInt32 in
            guard let id = UInt32(name) ?? SystemAccounts.groupID(name) else {
                throw .unusableSocket(
                    configuration.socketPath ?? "", "this machine has no group named \(MessageText.quoted(name))",
                    hint: "Give an existing group to --socket-group.")
            }
            return id
        }
        let socketPath = configuration.socketPath ?? SocketPlace.defaultPath(environment: environment)
        let socket = try SocketPlace(path: socketPath, group: group)
        var ownerSecret: BearerSecret?
        if listen != nil {
            let file = configuration.tokenFile.map { URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: socketPath).deletingLastPathComponent().appendingPathComponent("broker.token")
            ownerSecret = try BearerSecret.readOrCreate(file)
        }
        let explicit = configuration.profilesFile
        let profiles = try BrokerProfiles(
            loadFile: {
                let location = try ProfilesFile.find(explicitPath: explicit, environment: environment)
                return try ProfilesFile.load(location, trusting: TrustedProfiles(environment: environment))
            },
            registry: registry, environment: environment, transport: transport, logger: logger,
            ownerUID: FilePermissionCheck.currentUser, ownerSecret: ownerSecret)
        self.profiles = profiles
        self.socket = socket
        self.listen = listen
        self.logger = logger
        self.metricsRegistry = metricsRegistry
        self.api = BrokerAPI(
            profiles: profiles, limits: configuration.limits, metrics: BrokerMetrics(registry: metricsRegistry),
            logger: auditLogger ?? logger)
    }

    /// Listens until a graceful shutdown (SIGTERM in a `ServiceGroup`): then stops accepting,
    /// finishes the requests in flight and removes the socket.
    public func run() async throws {
        var services: [any Service] = [application(.socket)]
        if listen != nil { services.append(application(.tcp)) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: services.map { .init(service: $0) }, logger: logger))
        defer {
            let inode = readiness.withLock { $0.socketInode }
            if let inode { socket.remove(inode: inode) }
        }
        do {
            try await group.run()
        } catch {
            fail(error)
            throw error
        }
        fail(CancellationError())
    }

    /// Waits until every listener listens, and returns where.
    /// - Throws: The error that stopped the broker before it listened.
    public func endpoints() async throws -> Endpoints {
        try await withCheckedThrowingContinuation { continuation in
            let ready = readiness.withLock { state -> Result<Endpoints, any Error>? in
                if let failure = state.failure { return .failure(failure) }
                if let endpoints = readyEndpoints(state) { return .success(endpoints) }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Reads the profiles file again (as SIGHUP does to `box-auth serve`). Profiles whose entries
    /// did not change keep their cached tokens; a file that does not load changes nothing.
    /// - Returns: The names of the profiles that changed.
    /// - Throws: What loading the file throws; the broker then goes on with the file it had.
    @discardableResult
    public func reload() throws -> [String] {
        let changed = try profiles.reload()
        logger.notice(
            "profiles reloaded", metadata: ["file": "\(profiles.path)", "changed": "\(changed.joined(separator: ","))"])
        return changed
    }

    private func readyEndpoints(_ state: Readiness) -> Endpoints? {
        guard state.socketInode != nil, listen == nil || state.port != nil else { return nil }
        return Endpoints(socketPath: socket.path, port: state.port)
    }

    private func listening(socketInode: UInt64? = nil, port: Int? = nil) {
        let (waiters, endpoints) = readiness.withLock { state -> ([CheckedContinuation<Endpoints, any Error>], Endpoints?) in
            if let socketInode { state.socketInode = socketInode }
            if let port { state.port = port }
            guard let endpoints = readyEndpoints(state) else { return ([], nil) }
            defer { state.waiters = [] }
            return (state.waiters, endpoints)
        }
        if let endpoints { for waiter in waiters { waiter.resume(returning: endpoints) } }
    }

    private func fail(_ error: any Error) {
        let waiters = readiness.withLock { state in
            if state.failure == nil { state.failure = error }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    private func application(_ listener: BrokerRequest.Listener) -> some Service {
        let address: BindAddress
        switch listener {
        case .socket: address = .unixDomainSocket(path: socket.path)
        case .tcp: address = .hostname(listen?.host ?? "127.0.0.1", port: listen?.port ?? 0)
        }
        return Application(
            responder: BrokerResponder(api: api, listener: listener),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: TimeAmount(api.limits.idleTimeout))),
            configuration: ApplicationConfiguration(address: address, serverName: nil),
            onServerRunning: { [self] channel in
                switch listener {
                case .socket:
                    do {
                        listening(socketInode: try socket.secureBoundSocket())
                        logger.notice("broker listening", metadata: ["socket": "\(socket.path)"])
                    } catch {
                        // Nobody may use a socket whose mode could not be set: it goes, and endpoints() throws.
                        logger.error("cannot secure the socket", metadata: ["error": "\(error)"])
                        unlink(socket.path)
                        fail(error)
                    }
                case .tcp:
                    let port = channel.localAddress?.port ?? listen?.port ?? 0
                    listening(port: port)
                    logger.notice("broker listening", metadata: ["address": "\(listen?.host ?? ""):\(port)"])
                }
            },
            logger: logger)
    }
}

extension TimeAmount {
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
