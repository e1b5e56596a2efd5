import Foundation

/// Sends one HTTP request and returns the response: the seam where another HTTP client plugs in.
///
/// Implementations must not follow redirects (credentials must never travel to another host) and
/// must honour ``TransportRequest/timeout``.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``TransportError`` when no response arrives (connection failed, timed out).
    func send(_ request: TransportRequest) async throws -> TransportResponse
}
