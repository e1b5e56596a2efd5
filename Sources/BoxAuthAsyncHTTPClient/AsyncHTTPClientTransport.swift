public import AsyncHTTPClient
public import BoxAuth
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An `HTTPTransport` on swift-server/async-http-client, for apps that already run on SwiftNIO
/// (Vapor, Hummingbird): tokens travel through SwiftNIO's event loops instead of a `URLSession`.
///
/// Make its client with ``clientConfiguration`` (redirects disallowed, a refused connection fails at
/// once), and shut the client down when the app stops:
/// ```swift
/// import BoxAuthAsyncHTTPClient
/// import BoxAuthProviders
///
/// let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)
/// let profile = try AuthProviderRegistry.standard.profile(
///     "service", in: try ProfilesFile.load(contentsOf: url), transport: AsyncHTTPClientTransport(client: client))
/// // ...
/// try await client.shutdown()
/// ```
///
/// Proxies: the request's `TransportRequest.proxy` decides. A request that goes through a proxy
/// is sent by a client of the transport's own for that proxy (``clientConfiguration`` with
/// `proxy = .server(host:port:authorization:)`, on `client`'s event loop group), made at its first
/// use; call ``shutdown()`` when the app stops, as for `client`. A proxy that cannot be reached,
/// that answers `407` or refuses `CONNECT` is a `ProxyError`.
///
/// > Important: A client made with another configuration must at least disallow redirects
/// > (`redirectConfiguration = .disallow`, so credentials never leave the configured host) and should
/// > turn off `connectionPool.retryConnectionEstablishment` (otherwise a refused connection is retried
/// > until the request's timeout and reported as `timedOut`).
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The most response bytes read: `TransportResponse.maximumBodySize` (1 MiB).
    public static let maximumResponseSize = TransportResponse.maximumBodySize

    /// The configuration a client for this transport should have: redirects disallowed, and a
    /// refused connection failing the request at once (no connection retries), as with
    /// `URLSessionTransport`.
    public static var clientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The client direct requests go through.
    public let client: HTTPClient
    /// The clients of the proxies requests went through, made on first use.
    private let proxyClients: ProxyClients

    /// A transport over `client`, which the caller keeps running and shuts down.
    ///
    /// - Parameter client: Made with ``clientConfiguration`` (or one that also disallows redirects).
    public init(client: HTTPClient) {
        self.client = client
        self.proxyClients = ProxyClients(eventLoopGroup: client.eventLoopGroup)
    }

    /// Shuts down the clients this transport made for proxies (not `client`, which its owner
    /// shuts down). Requests sent afterwards through a proxy fail.
    public func shutdown() async throws {
        for proxyClient in proxyClients.close() { try await proxyClient.shutdown() }
    }

    /// Sends the request; redirects come back as 3xx responses when the client disallows them.
    ///
    /// - Throws: `TransportError` with code `timedOut` when no response came within the request's
    ///   timeout, `responseTooLarge` for a body past `TransportResponse.maximumBodySize` (reading
    ///   stops there), `connectionFailed` for every other failure (a refused or broken connection).
    public func send(_ request: BoxAuth.TransportRequest) async throws -> BoxAuth.TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let timeout = TimeAmount.milliseconds(Int64(request.timeout * 1000))
        let proxy = request.proxy.proxy(for: request.url)
        do {
            let sender = try proxy.map { try proxyClients.client(for: $0, url: request.url) } ?? client
            let response = try await sender.execute(outgoing, timeout: timeout)
            if let proxy, response.status == .proxyAuthenticationRequired {
                throw ProxyError(
                    code: .refused, proxy: proxy, url: request.url.absoluteString,
                    detail: "407 Proxy Authentication Required")
            }
            let body = try await response.body.collect(upTo: Self.maximumResponseSize)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name] = header.value }
            return BoxAuth.TransportResponse(
                status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        {
            throw TransportError(code: .timedOut, url: request.url.absoluteString, detail: "\(error)")
        } catch is NIOTooManyBytesError {
            throw TransportError.responseTooLarge(url: request.url.absoluteString)
        } catch let error as TransportError {
            throw error
        } catch let error as ProxyError {
            throw error
        } catch let error as HTTPClientError
            where error == .proxyAuthenticationRequired || error == .invalidProxyResponse
        {
            guard let proxy else {
                throw TransportError(code: .connectionFailed, url: request.url.absoluteString, detail: "\(error)")
            }
            throw ProxyError(
                code: .refused, proxy: proxy, url: request.url.absoluteString,
                detail: error == .proxyAuthenticationRequired
                    ? "407 Proxy Authentication Required" : "it refused CONNECT to \(request.url.host ?? "the host")")
        } catch {
            if let proxy, Self.isConnectFailure(error) {
                throw ProxyError(code: .unreachable, proxy: proxy, url: request.url.absoluteString, detail: "\(error)")
            }
            throw TransportError(code: .connectionFailed, url: request.url.absoluteString, detail: "\(error)")
        }
    }

    /// Whether `error` says no connection could be made (to the proxy, when there is one).
    private static func isConnectFailure(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED || error.errnoCode == EHOSTUNREACH }
        return false
    }
}

/// The clients of one transport's proxies: one per proxy, made on first use, shut down by
/// `AsyncHTTPClientTransport.shutdown()`.
private final class ProxyClients: Sendable {
    private let eventLoopGroup: any EventLoopGroup
    private let state = Mutex<(clients: [ProxyServer: HTTPClient], closed: Bool)>(([:], false))

    init(eventLoopGroup: any EventLoopGroup) {
        self.eventLoopGroup = eventLoopGroup
    }

    /// The client for `proxy`.
    /// - Throws: `TransportError` once the transport was shut down.
    func client(for proxy: ProxyServer, url: URL) throws -> HTTPClient {
        try state.withLock { state in
            guard !state.closed else {
                throw TransportError(
                    code: .connectionFailed, url: url.absoluteString, detail: "the transport was shut down")
            }
            if let client = state.clients[proxy] { return client }
            var configuration = AsyncHTTPClientTransport.clientConfiguration
            let authorization = proxy.username.map {
                HTTPClient.Authorization.basic(
                    username: $0.exposedValue, password: proxy.password?.exposedValue ?? "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
            let client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
            state.clients[proxy] = client
            return client
        }
    }

    /// Marks the set closed and returns its clients, for shutting down.
    func close() -> [HTTPClient] {
        state.withLock { state in
            state.closed = true
            defer { state.clients = [:] }
            return Array(state.clients.values)
        }
    }
}
