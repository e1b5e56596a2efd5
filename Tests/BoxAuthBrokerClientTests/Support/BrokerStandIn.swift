import BoxAuthTestSupport
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A stand-in for the token broker on a Unix socket in a temporary folder (a small Hummingbird
/// app), for the tests whose subject is the socket itself:
///
/// - `GET /v1/profiles/{name}/token`: a new token each time (`socket-token-1`, ...), valid an hour.
/// - `POST /v1/profiles/{name}/invalidate`: 204.
/// - `GET /hang`: waits at ``hang``'s gate (until released, or cancelled), then 200.
/// - `GET /big`: a 2 MiB body.
/// - `GET /redirect`: 302 to the token route.
///
/// Every request is recorded in ``requests``.
final class BrokerStandIn: Sendable {
    /// What the stand-in saw of one request.
    struct Seen: Sendable {
        let method: String
        let path: String
        let profile: String?
        /// Header fields by lowercased name.
        let headers: [String: String]
        let host: String?
        let body: String
    }

    /// The socket it listens on (short: under /tmp).
    let socketPath: String
    /// The gate `/hang` waits at; `hang.held` is how many requests wait there.
    let hang: CountingFetcher
    private let seen: Mutex<[Seen]>

    /// Every request so far, in order.
    var requests: [Seen] { seen.withLock { $0 } }

    private init(socketPath: String) {
        self.socketPath = socketPath
        self.hang = CountingFetcher()
        self.seen = Mutex([])
        hang.hold()
    }

    /// Runs `body` with the stand-in listening, then stops it.
    static func with(_ body: @Sendable @escaping (BrokerStandIn) async throws -> Void) async throws {
        try await TemporaryDirectory.with { folder in
            let standIn = BrokerStandIn(socketPath: folder.url.appendingPathComponent("broker.sock").path)
            let (running, continuation) = AsyncStream.makeStream(of: Void.self)
            var logger = Logger(label: "broker-stand-in")
            logger.logLevel = .critical
            let application = Application(
                router: standIn.router(), configuration: .init(address: .unixDomainSocket(path: standIn.socketPath)),
                onServerRunning: { _ in
                    continuation.yield()
                    continuation.finish()
                }, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // A server that fails to start ends the wait below too.
                    defer { continuation.finish() }
                    try await application.runService(gracefulShutdownSignals: [])
                }
                var started = false
                for await _ in running {
                    started = true
                    break
                }
                guard started else {
                    try await group.waitForAll()
                    throw StandInDidNotStart()
                }
                defer {
                    standIn.hang.release()
                    group.cancelAll()
                }
                try await body(standIn)
            }
        }
    }

    /// The stand-in's server ended before it listened, without an error of its own.
    struct StandInDidNotStart: Error {}

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        let standIn = self
        router.get("v1/profiles/:name/token") { request, context in
            try await standIn.record(request, context)
            let number = standIn.requests.filter { $0.path.hasSuffix("/token") }.count
            let expiresAt = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
            return Self.json(
                .ok,
                #"{"access_token": "socket-token-\#(number)", "token_type": "bearer", "expires_at": "\#(expiresAt)"}"#)
        }
        router.post("v1/profiles/:name/invalidate") { request, context in
            try await standIn.record(request, context)
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
        router.get("hang") { request, context in
            try await standIn.record(request, context)
            _ = try await standIn.hang.fetchToken()
            return Self.json(.ok, "{}")
        }
        router.get("big") { request, context in
            try await standIn.record(request, context)
            return Response(
                status: .ok, headers: [.contentType: "application/octet-stream"],
                body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 2 << 20)))
        }
        router.get("redirect") { request, context in
            try await standIn.record(request, context)
            return Response(status: .found, headers: [.location: "/v1/profiles/service/token"])
        }
        return router
    }

    private func record(_ request: Request, _ context: BasicRequestContext) async throws {
        let body = try await request.body.collect(upTo: 1 << 16)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let entry = Seen(
            method: request.method.rawValue, path: request.uri.path, profile: context.parameters.get("name"),
            headers: headers, host: request.head.authority, body: String(buffer: body))
        seen.withLock { $0.append(entry) }
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
