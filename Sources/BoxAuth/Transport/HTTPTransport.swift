import Foundation

/// Sends one HTTP request and returns the response: the seam where another HTTP client plugs in.
///
/// Implementations must not follow redirects (credentials must never travel to another host),
/// must honour ``TransportRequest/timeout``, and must stop reading a body past
/// ``TransportResponse/maximumBodySize`` and throw ``TransportError/responseTooLarge(url:)``.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``TransportError`` when no response arrives (connection failed, timed out) or its
    ///   body is too large.
    func send(_ request: TransportRequest) async throws -> TransportResponse
}
