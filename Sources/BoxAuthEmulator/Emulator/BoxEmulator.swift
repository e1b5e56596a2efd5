public import BoxAuth
public import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// A local stand-in for Box's token endpoint that checks what Box checks, for tests, the demo and
/// offline development.
///
/// It answers `POST /oauth2/token` (JWT bearer, client credentials, token exchange,
/// authorization code with PKCE and refresh token grants, refusing bad requests with Box's
/// errors), `POST /oauth2/revoke`, Box's OAuth 2.0 authorization endpoint
/// (`GET /api/oauth2/authorize`: a consent page; `POST`: its form, redirecting with a code) and
/// `GET /2.0/users/me` (to prove a token works) and, on Box's upload path,
/// `POST /api/2.0/files/upload_sessions` (an upload operation, for clients that route uploads), on
/// loopback only unless told otherwise. ``revokeAccessTokens()`` revokes live tokens mid-run.
///
/// A test plays the user over plain HTTP, without a browser: it gets the consent page, then posts
/// its form's hidden fields with `user_id` and `consent=grant` (or `deny`) and reads the code from
/// the `302 Found` answer's `Location`; ``inProcessTransport`` returns that answer as is.
///
/// ```swift
/// let emulator = BoxEmulator()
/// try await emulator.register(config: config)
/// let baseURL = try await emulator.start()   // http://127.0.0.1:PORT
/// // ... point a profile's baseURL at `baseURL`, get a token ...
/// #expect(await emulator.counters.tokensIssued == 1)
/// await emulator.stop()
/// ```
///
/// Tests that are not about sockets can skip ``start(host:port:)`` and send requests through
/// ``inProcessTransport`` instead.
public actor BoxEmulator {
    /// How the emulator issues tokens, reads its clock and logs, as configured at creation
    /// (``clockOffset`` may since have changed).
    public nonisolated let configuration: Configuration
    let state: EmulatorState
    /// The emulator's clock, shared by the state and the `Date` header of responses.
    let clock: EmulatorClock
    /// Requests held by stall faults.
    let stalls: StalledRequests
    /// The routes, shared by the HTTP server and ``inProcessTransport``.
    let responder: RouterResponder<EmulatorRequestContext>
    private var server: RunningServer?

    /// A server that is listening.
    private struct RunningServer {
        let group: ServiceGroup
        let task: Task<Void, any Error>
        let url: URL
    }


    /// An emulator with no apps, not yet serving.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        clock = EmulatorClock(offset: configuration.clockOffset)
        state = EmulatorState(configuration: configuration, clock: clock)
        stalls = StalledRequests()
        responder = EmulatorRouter.make(state: state, stalls: stalls).buildResponder()
    }

    /// The `Server` header of responses.
    static let serverName = "box-auth-emulator"

    /// A transport that reaches this emulator's routes in-process, without a socket; it works
    /// whether or not the emulator was started, and ignores the host and port of request URLs.
    ///
    /// Faults about connections need a socket: see ``EmulatorTransport`` for what
    /// ``EmulatorFault/closeConnection`` and stalls do in-process.
    public nonisolated var inProcessTransport: EmulatorTransport {
        EmulatorTransport(responder: responder, clock: clock, logger: configuration.logger)
    }

    deinit { server?.task.cancel() }

    /// Adds `app`, replacing any app with the same client ID.
    public func register(_ app: EmulatedApp) async {
        await state.register(app)
    }

    /// Adds the app a Box `config.json` describes: the public half of its private key is
    /// registered under its `publicKeyID`, and its enterprise is its `enterpriseID`.
    /// - Parameter knownUserIDs: Users the app may get user tokens for.
    /// - Throws: ``ConfigurationError`` when the private key cannot be loaded.
    public func register(config: BoxAppConfig, knownUserIDs: Set<String> = []) async throws {
        await state.register(try EmulatedApp(config: config, knownUserIDs: knownUserIDs))
    }

    /// What the token endpoint has seen so far.
    public var counters: EmulatorCounters {
        get async { await state.counters }
    }

    /// A token for user `userID`, usable at `/2.0/users/me` like a developer token from the
    /// Developer Console. It belongs to no app and lasts ``Configuration/tokenLifetime`` seconds.
    public func issueDeveloperToken(userID: String) async -> String {
        await state.issueDeveloperToken(userID: userID)
    }

    /// Revokes every access token issued so far, as an admin or `POST /oauth2/revoke` would mid-run:
    /// API calls with them get Box's `401` from now on, and token requests get new ones. Refresh
    /// tokens stay valid. Counted in ``EmulatorCounters/tokensRevoked``.
    ///
    /// ```swift
    /// let before = try await profile.accessToken()
    /// await emulator.revokeAccessTokens()
    /// // GET /2.0/users/me with `before` now answers 401; the provider must invalidate it.
    /// ```
    /// - Returns: How many unexpired tokens were revoked.
    @discardableResult
    public func revokeAccessTokens() async -> Int {
        await state.revokeAccessTokens()
    }

    /// Starts serving in the background and returns the base URL, e.g. `http://127.0.0.1:53122`.
    ///
    /// > Important: Call ``stop()`` when done; the server keeps running until then.
    /// - Parameters:
    ///   - host: The address to listen on. Keep the loopback default unless other machines must
    ///     reach the emulator.
    ///   - port: The port, or 0 for a free one chosen by the system.
    /// - Throws: ``EmulatorError`` when already serving or the server cannot listen.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> URL {
        try await launch(host: host, port: port, stopsOnSignals: false).url
    }

    /// Stops the server: finishes open requests, then closes. Requests held by a stall fault are
    /// cut off at once, other requests still open after a few seconds too, so this never hangs.
    /// Does nothing when not serving.
    public func stop() async {
        guard let server else { return }
        self.server = nil
        await stalls.releaseAll()
        await server.group.triggerGracefulShutdown()
        let deadline = Task {
            try await Task.sleep(for: self.configuration.shutdownGracePeriod)
            server.task.cancel()
        }
        _ = await server.task.result
        deadline.cancel()
        configuration.logger.info("Box emulator stopped")
    }

    /// Serves in the foreground until the process gets SIGINT or SIGTERM, the calling task is
    /// cancelled or ``stop()`` is called, then shuts down gracefully. For `box-auth emulator`.
    /// - Parameters:
    ///   - host: The address to listen on.
    ///   - port: The port, or 0 for a free one chosen by the system.
    ///   - onReady: Called with the base URL once the server listens.
    /// - Throws: ``EmulatorError`` when already serving or the server cannot listen.
    public func run(
        host: String = "127.0.0.1", port: Int = 0, onReady: @Sendable (URL) -> Void = { _ in }
    ) async throws {
        let server = try await launch(host: host, port: port, stopsOnSignals: true)
        onReady(server.url)
        let result = await withTaskCancellationHandler {
            await server.task.result
        } onCancel: {
            Task { await self.stop() }
        }
        if self.server?.task == server.task {
            // Ended by a signal rather than by stop().
            self.server = nil
            configuration.logger.info("Box emulator stopped")
        }
        try result.get()
    }

    /// Starts the HTTP server in a task of its own and waits until it listens.
    /// - Parameter stopsOnSignals: Whether SIGINT and SIGTERM shut the server down gracefully.
    private func launch(host: String, port: Int, stopsOnSignals: Bool) async throws -> RunningServer {
        if let server { throw EmulatorError(code: .alreadyRunning, detail: server.url.absoluteString) }
        guard Self.baseURL(host: host, port: port) != nil else {
            throw EmulatorError(code: .serverDidNotStart, detail: "'\(host)' is not a host name or address")
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = makeApplication(host: host, port: port) { boundPort in
            portContinuation.yield(boundPort)
            portContinuation.finish()
        }
        let group = ServiceGroup(
            services: [application], gracefulShutdownSignals: stopsOnSignals ? [.sigint, .sigterm] : [],
            cancellationSignals: [],
            logger: configuration.logger)
        // Not a child task: cancelling the caller must shut the server down gracefully, not cut it.
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let boundPort = await iterator.next(), let url = Self.baseURL(host: host, port: boundPort) else {
            await group.triggerGracefulShutdown()
            let detail: String
            switch await task.result {
            case .failure(let error): detail = "\(error)"
            case .success: detail = "the server stopped before listening"
            }
            throw EmulatorError(code: .serverDidNotStart, detail: "\(host):\(port): \(detail)")
        }
        if let server {
            // Another start won the race while this one waited: keep that one.
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw EmulatorError(code: .alreadyRunning, detail: server.url.absoluteString)
        }
        let running = RunningServer(group: group, task: task, url: url)
        server = running
        configuration.logger.info("Box emulator listening", metadata: ["url": "\(url.absoluteString)"])
        return running
    }

    private func makeApplication(
        host: String, port: Int, onListening: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        let clock = clock
        // A new handler per connection, dating responses on the emulator's clock.
        return Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [ServerDateHandler(clock: clock)])),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: Self.serverName),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: configuration.logger)
    }

    /// `http://host:port`, with an IPv6 address in brackets; nil when `host` cannot be in a URL.
    private static func baseURL(host: String, port: Int) -> URL? {
        guard !host.isEmpty else { return nil }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return URL(string: "http://\(authority)")
    }
}
