public import AsyncHTTPClient
public import BoxAuth
import Foundation
import NIOCore
import NIOHTTP1

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

    /// The client requests go through.
    public let client: HTTPClient

    /// A transport over `client`, which the caller keeps running and shuts down.
    ///
    /// - Parameter client: Made with ``clientConfiguration`` (or one that also disallows redirects).
    public init(client: HTTPClient) {
        self.client = client
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
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
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
        } catch {
            throw TransportError(code: .connectionFailed, url: request.url.absoluteString, detail: "\(error)")
        }
    }
}
