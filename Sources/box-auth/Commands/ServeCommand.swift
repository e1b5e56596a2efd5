import ArgumentParser
import BoxAuthBroker
import BoxAuthProviders
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `box-auth serve`: the token broker, in the foreground until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the profiles' tokens to other local processes (a token broker).",
        discussion: """
            Listens on a Unix socket (default $XDG_RUNTIME_DIR/box-auth/broker.sock) that only this \
            user may use, or the users and groups the "broker" policy in profiles.json names; with \
            --listen, also on a loopback TCP port, where every request carries the token file's \
            secret as 'Authorization: Bearer SECRET'. Every request carries 'Box-Auth-Broker: 1'.

              GET  /v1/profiles/NAME/token       the profile's token (JSON)
              POST /v1/profiles/NAME/token       downscoped: {"scopes": [...]}
              POST /v1/profiles/NAME/invalidate  {"access_token": "..."} after a 401
              GET  /v1/health, GET /metrics

            Example: curl --unix-socket "$XDG_RUNTIME_DIR/box-auth/broker.sock" \
            -H 'Box-Auth-Broker: 1' http://localhost/v1/profiles/service/token

            One audit line per request goes to stderr (never a token). SIGHUP reloads profiles.json \
            (a file that does not load is logged and the previous one kept); SIGTERM or SIGINT stops \
            accepting, finishes the requests in flight, removes the socket and exits 0.
            """)

    @Option(
        name: .long,
        help: "The profiles file (default: $BOX_PROFILES_FILE, ./profiles.json, ~/.config/box-auth/profiles.json).")
    var profiles: String?
    @Option(name: .long, help: "The Unix socket (default: $XDG_RUNTIME_DIR/box-auth/broker.sock).")
    var socket: String?
    @Option(name: .long, help: "A group whose members may use the socket too (it is then 0660).")
    var socketGroup: String?
    @Option(name: .long, help: "Also listen on this loopback address, e.g. 127.0.0.1:8765 (port 0 picks one).")
    var listen: String?
    @Option(
        name: .long,
        help: "The TCP listener's bearer secret file, created (0600) when missing (default: broker.token beside the socket).")
    var tokenFile: String?
    @OptionGroup var logging: LoggingOptionGroup

    func run() async throws {
        try await ErrorReporting.run {
            let environment = ProcessInfo.processInfo.environment
            let logger = logging.makeLogger(defaultLevel: .info)
            let metrics = PrometheusCollectorRegistry()
            // The core's token metrics (requests to Box, cache hits, lock waits) land beside the broker's.
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
            let broker = try TokenBroker(
                configuration: TokenBroker.Configuration(
                    profilesFile: profiles, socketPath: socket, socketGroup: socketGroup, listen: listen,
                    tokenFile: tokenFile),
                registry: .commandLine, environment: environment, metricsRegistry: metrics, logger: logger,
                auditLogger: {
                    var audit = Logger(label: LogBootstrap.auditLabel)
                    audit.logLevel = logger.logLevel
                    return audit
                }())
            defer { BufferedStandardError.shared.flush() }
            let group = ServiceGroup(
                services: [broker], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
                logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                tasks.addTask {
                    let endpoints = try await broker.endpoints()
                    Console.out("box-auth broker serving \(broker.profilesPath)")
                    Console.out("listening on unix:\(endpoints.socketPath)")
                    if let port = endpoints.port { Console.out("listening on http://127.0.0.1:\(port)") }
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        do {
                            try broker.reload()
                        } catch {
                            logger.error(
                                "profiles file not reloaded; serving the one loaded before", metadata: ["error": "\(error)"])
                        }
                    }
                }
                try await tasks.next()
                tasks.cancelAll()
            }
        }
    }
}
