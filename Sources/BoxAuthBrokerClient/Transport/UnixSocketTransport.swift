package import BoxAuth
import BoxAuthCurl
import Foundation

/// An ``HTTPTransport`` that sends every request over one Unix domain socket (the token broker's),
/// with libcurl's easy API; the request URL's host is only what goes into `Host`.
///
/// libcurl blocks while it transfers, so each request runs on a thread of its own, and the calling
/// task waits on a continuation. (Not a dispatch queue: on Linux a queue's workers come from the
/// same few threads as Swift's cooperative pool, so transfers waiting there would stall every task
/// of the process, an in-process broker's included.) Redirects are never
/// followed, proxies never used, the request's timeout is the whole exchange's, and a body past
/// `TransportResponse.maximumBodySize` ends the transfer with `TransportError.responseTooLarge`.
/// Cancelling the calling task aborts the transfer (within about a second: libcurl checks in that
/// often while it waits) and throws `CancellationError`.
///
/// ```swift
/// let transport = UnixSocketTransport(socketPath: "/run/user/1000/box-auth/broker.sock")
/// let response = try await transport.send(
///     TransportRequest(method: "GET", url: URL(string: "http://localhost/v1/health")!))
/// ```
package struct UnixSocketTransport: HTTPTransport {
    /// The socket every request goes through.
    package let socketPath: String

    /// A transport to the socket at `socketPath`.
    package init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Sends `request` through the socket and returns the response, whatever its status.
    /// - Throws: `TransportError` whose detail names the socket: `connectionFailed` (no socket at
    ///   the path, nothing listening, the connection broke), `timedOut`, `responseTooLarge`;
    ///   `CancellationError` when the calling task is cancelled.
    package func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await CurlTransfer.send(request, route: .unixSocket(socketPath))
    }
}
