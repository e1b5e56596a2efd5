public import BoxAuth
public import Foundation
import Synchronization

/// An ``HTTPTransport`` for code that must not reach the network: every request fails with a
/// `connectionFailed` ``TransportError`` and is recorded, so a test can also check none was tried.
///
/// ```swift
/// let transport = UnreachableTransport()
/// var registry = AuthProviderRegistry(defaultTransport: transport)
/// // ... load profiles, build providers ...
/// #expect(transport.attempts.isEmpty)
/// ```
public final class UnreachableTransport: HTTPTransport {
    private let tried = Mutex<[URL]>([])

    /// A transport that reaches nothing.
    public init() {}

    /// The URL of every request tried so far, in order.
    public var attempts: [URL] { tried.withLock { $0 } }

    /// Records the request and fails it.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        tried.withLock { $0.append(request.url) }
        throw TransportError(
            code: .connectionFailed, url: request.url.absoluteString, detail: "no network in this test")
    }
}
