import NIOCore
import NIOHTTP1
import NIOPosix

/// Where a load run connects: a Unix socket or a loopback TCP port.
enum LoadEndpoint: Sendable, CustomStringConvertible {
    case socket(String)
    case tcp(port: Int)

    var description: String {
        switch self {
        case .socket(let path): "unix:\(path)"
        case .tcp(let port): "127.0.0.1:\(port)"
        }
    }
}

/// What one connection measured: the latency of every request it started inside the window, the
/// statuses it saw, and the first answer's body (for sizing the bare route's constant).
struct ConnectionResult: Sendable {
    var latencies: [Int] = []
    var requests = 0
    var nonOK = 0
    var firstNonOKStatus: Int?
    var firstBody: [UInt8]?
}

/// The load generator: keep-alive HTTP/1.1 connections on SwiftNIO, one request outstanding per
/// connection (no pipelining), each sending the same GET back to back until a deadline.
///
/// Latency is the time from writing a request to reading the end of its answer, on the client's
/// event loop (`NIODeadline.now()`, monotonic).
struct LoadGenerator: Sendable {
    let group: any EventLoopGroup
    let head: HTTPRequestHead

    /// A generator sending `GET path` with `headers` on connections from `group`.
    init(group: any EventLoopGroup, path: String, headers: [(String, String)]) {
        self.group = group
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        self.head = head
    }

    /// `connections` open connections, each with the promise of its result.
    struct OpenConnections: Sendable {
        let channels: [any Channel]
        let results: [EventLoopFuture<ConnectionResult>]

        /// Starts every connection at once: each records requests started from `measureFrom` on,
        /// and stops sending at `stopAt` (a past `stopAt`: one request each).
        func start(measureFrom: NIODeadline, stopAt: NIODeadline) async throws -> [ConnectionResult] {
            for channel in channels {
                channel.pipeline.fireUserInboundEventTriggered(LoadConnectionHandler.Start(measureFrom: measureFrom, stopAt: stopAt))
            }
            var collected: [ConnectionResult] = []
            collected.reserveCapacity(results.count)
            for result in results { collected.append(try await result.get()) }
            return collected
        }

        func close() async {
            for channel in channels { try? await channel.close() }
        }
    }

    /// Opens `count` connections to `endpoint` (spread over the group's event loops).
    func connect(_ count: Int, to endpoint: LoadEndpoint) async throws -> OpenConnections {
        var channels: [any Channel] = []
        var results: [EventLoopFuture<ConnectionResult>] = []
        do {
            for _ in 0..<count {
                let loop = group.next()
                let done = loop.makePromise(of: ConnectionResult.self)
                let head = self.head
                let bootstrap = ClientBootstrap(group: loop).channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(LoadConnectionHandler(head: head, done: done))
                    }
                }
                let channel: any Channel
                do {
                    switch endpoint {
                    case .socket(let path): channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
                    case .tcp(let port): channel = try await bootstrap.connect(host: "127.0.0.1", port: port).get()
                    }
                } catch {
                    done.fail(error)  // NIO traps on a promise left unfulfilled in debug builds.
                    throw error
                }
                channels.append(channel)
                results.append(done.futureResult)
            }
        } catch {
            for channel in channels { try? await channel.close() }
            throw error
        }
        return OpenConnections(channels: channels, results: results)
    }

    /// `connections` connections sending back to back for `warmUp` (not recorded), then `duration`.
    func run(_ endpoint: LoadEndpoint, connections: Int, warmUp: TimeAmount, duration: TimeAmount) async throws -> LoadSummary {
        let open = try await connect(connections, to: endpoint)
        let measureFrom = NIODeadline.now() + warmUp
        let results: [ConnectionResult]
        do {
            results = try await open.start(measureFrom: measureFrom, stopAt: measureFrom + duration)
        } catch {
            await open.close()
            throw error
        }
        await open.close()
        return LoadSummary(results, seconds: Double(duration.nanoseconds) / 1e9)
    }
}

/// One connection's loop: write the request, read the answer, record, again until the deadline.
final class LoadConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// The event that starts a connection's requests.
    struct Start: Sendable {
        let measureFrom: NIODeadline
        let stopAt: NIODeadline
    }

    private let head: HTTPRequestHead
    private let done: EventLoopPromise<ConnectionResult>
    private var start: Start?
    private var sentAt = NIODeadline.uptimeNanoseconds(0)
    private var status = 0
    private var body: [UInt8] = []
    private var result = ConnectionResult()
    private var finished = false

    init(head: HTTPRequestHead, done: EventLoopPromise<ConnectionResult>) {
        self.head = head
        self.done = done
        result.latencies.reserveCapacity(4096)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let start = event as? Start else { return context.fireUserInboundEventTriggered(event) }
        self.start = start
        send(context: context)
    }

    private func send(context: ChannelHandlerContext) {
        sentAt = .now()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let response):
            status = Int(response.status.code)
        case .body(let buffer):
            if result.firstBody == nil { body += buffer.readableBytesView }
        case .end:
            let now = NIODeadline.now()
            if result.firstBody == nil { result.firstBody = body }
            if status != 200 {
                result.nonOK += 1
                if result.firstNonOKStatus == nil { result.firstNonOKStatus = status }
            }
            guard let start else { return }
            if sentAt >= start.measureFrom {
                result.requests += 1
                result.latencies.append(Int(now.uptimeNanoseconds - sentAt.uptimeNanoseconds))
            }
            if now < start.stopAt {
                send(context: context)
            } else {
                finished = true
                done.succeed(result)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !finished {
            finished = true
            done.fail(error)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished {
            finished = true
            done.fail(LoadError("the server closed a connection before its run ended (after \(result.requests) requests)"))
        }
        context.fireChannelInactive()
    }
}

/// A failure of the load run itself (not a slow answer).
struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
