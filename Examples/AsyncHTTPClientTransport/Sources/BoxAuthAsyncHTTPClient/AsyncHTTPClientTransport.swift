import AsyncHTTPClient
import BoxAuth
import Foundation
import NIOCore
import NIOHTTP1

/// An ``HTTPTransport`` on swift-server/async-http-client, for apps that already run an `HTTPClient`.
///
/// The client must not follow redirects (credentials stay on the configured host):
/// ```swift
/// var configuration = HTTPClient.Configuration()
/// configuration.redirectConfiguration = .disallow
/// let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
/// let profile = try AuthProviderRegistry.standard.makeProvider(
///     profile: "service", in: file, transport: AsyncHTTPClientTransport(client: client))
/// ```
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The most response bytes read (token responses are small).
    public static let maximumResponseSize = 1 << 20

    /// The client requests go through.
    public let client: HTTPClient

    /// A transport over `client`.
    public init(client: HTTPClient) {
        self.client = client
    }

    /// Sends the request; redirects come back as 3xx responses when the client disallows them.
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
            return BoxAuth.TransportResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw TransportError(code: .timedOut, url: request.url.absoluteString, detail: "\(error)")
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(code: .connectionFailed, url: request.url.absoluteString, detail: "\(error)")
        }
    }
}
