import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The reference the broker is compared with: a Hummingbird 2 app (HTTP/1.1, the broker's idle
/// timeout, no server name) whose one route, `GET /v1/profiles/{name}/token`, answers a constant
/// JSON body with the broker's headers, on a Unix socket and on a loopback TCP port.
struct BareServer: Sendable {
    let socketPath: String
    let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    /// Starts both listeners and waits until they listen.
    static func start(socketPath: String, body: [UInt8], logger: Logger) async throws -> BareServer {
        let (ready, readiness) = AsyncStream.makeStream(of: Int?.self)
        let applications = [BindAddress.unixDomainSocket(path: socketPath), .hostname("127.0.0.1", port: 0)].map { address in
            let router = Router()
            let constant = ByteBuffer(bytes: body)
            router.get("/v1/profiles/{name}/token") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                    body: ResponseBody(byteBuffer: constant))
            }
            return Application(
                router: router, server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(30))),
                configuration: ApplicationConfiguration(address: address, serverName: nil),
                onServerRunning: { channel in readiness.yield(channel.localAddress?.port) },
                logger: logger)
        }
        let group = ServiceGroup(services: applications, gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let running = Task { try await group.run() }
        var port: Int?
        var listening = 0
        for await reported in ready {
            listening += 1
            if let reported { port = reported }
            if listening == applications.count { break }
        }
        guard let port else { throw LoadError("the bare app did not report its TCP port") }
        return BareServer(socketPath: socketPath, port: port, group: group, running: running)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
