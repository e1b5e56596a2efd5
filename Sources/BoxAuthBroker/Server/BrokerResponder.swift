import BoxAuth
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// The request context of the broker's listeners: Hummingbird's, plus the connection's channel
/// (for the caller's peer credentials on the Unix socket).
struct BrokerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

/// Hands each HTTP request to the ``BrokerAPI`` and writes its answer, with `Cache-Control:
/// no-store` and no CORS header ever, inside a server span of Hummingbird's `TracingMiddleware`
/// (the bootstrapped tracer's; it reads the caller's `traceparent` and records no header).
struct BrokerResponder: HTTPResponder {
    typealias Context = BrokerRequestContext

    let api: BrokerAPI
    let listener: BrokerRequest.Listener
    /// The peer credentials of each open connection, read once per connection.
    let peers = ConnectionPeers()
    /// The server span of each request, as a Hummingbird router's middleware would make it.
    let tracing = TracingMiddleware<BrokerRequestContext>()

    func respond(to request: Request, context: Context) async throws -> Response {
        try await tracing.handle(request, context: context) { request, context in
            await answer(request, context: context)
        }
    }

    private func answer(_ request: Request, context: Context) async -> Response {
        let limits = api.limits
        guard request.headers.count <= limits.maximumHeaderCount else {
            return Self.response(
                BrokerFailure(
                    status: 431, code: "headers_too_large",
                    message: "the request has more than \(limits.maximumHeaderCount) header fields."
                ).response)
        }
        var headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        // HTTP/1.1's Host arrives as the authority.
        if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limits.maximumBodySize)
        } catch {
            return Self.response(BrokerFailure.tooLarge(limit: limits.maximumBodySize).response)
        }
        let peer = listener == .socket ? await peers.credentials(of: context.channel) : nil
        let answer = await api.respond(
            to: BrokerRequest(
                method: request.method.rawValue, path: request.uri.path, headers: headers,
                body: Data(body.readableBytesView), listener: listener, peer: peer))
        return Self.response(answer)
    }

    static func response(_ answer: BrokerResponse) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: answer.contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// The peer credentials of the open connections: the kernel is asked once per connection, and
/// an entry goes when its connection closes.
final class ConnectionPeers: Sendable {
    private let known = Mutex<[ObjectIdentifier: PeerCredentials]>([:])

    func credentials(of channel: any Channel) async -> PeerCredentials? {
        let key = ObjectIdentifier(channel)
        if let credentials = known.withLock({ $0[key] }) { return credentials }
        guard let credentials = await PeerCredentials.of(channel) else { return nil }
        known.withLock { $0[key] = credentials }
        channel.closeFuture.whenComplete { _ in self.forget(key) }
        return credentials
    }

    private func forget(_ key: ObjectIdentifier) {
        known.withLock { _ = $0.removeValue(forKey: key) }
    }
}
