import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The listener a ``SignIn`` runs on 127.0.0.1 for the callback at the redirect path.
///
/// Each request to the path goes to `handler`, which returns the page to show; any other path
/// gets 404.
final class LoopbackListener: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    /// The port it listens on.
    let port: Int

    private init(group: ServiceGroup, task: Task<Void, any Error>, port: Int) {
        self.group = group
        self.task = task
        self.port = port
    }

    /// Starts listening on 127.0.0.1:`port` (0 for a free one) and returns once it listens.
    /// - Throws: ``SignInError`` (``SignInError/Code/cannotListen``) when it cannot listen (the
    ///   port is taken, say).
    static func start(
        port: Int, path: String, logger: Logger, handler: @escaping @Sendable ([String: String]) async -> CallbackPage
    ) async throws -> LoopbackListener {
        let router = Router()
        router.get(RouterPath(path.isEmpty ? "/" : path)) { request, _ -> Response in
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters where parameters[String(name)] == nil {
                parameters[String(name)] = String(value)
            }
            let page = await handler(parameters)
            return Response(
                status: .init(code: page.status),
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            }, logger: logger)
        let group = ServiceGroup(
            services: [application], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            let detail: String
            switch await task.result {
            case .failure(let error): detail = "\(error)"
            case .success: detail = "it stopped before listening"
            }
            throw SignInError.cannotListen(port: port, detail: detail)
        }
        return LoopbackListener(group: group, task: task, port: bound)
    }

    /// Stops listening: a graceful shutdown, cancelled after 5 seconds.
    func stop() async {
        await group.triggerGracefulShutdown()
        let deadline = Task {
            try await Task.sleep(for: .seconds(5))
            task.cancel()
        }
        _ = await task.result
        deadline.cancel()
    }
}
