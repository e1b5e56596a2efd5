#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP listener on 127.0.0.1 that never answers: the kernel completes every connection (it sits
/// in the listen backlog, never accepted), and whatever the client sends is never read. A stalled
/// database, for tests that a client gives up by its deadline instead of waiting for ever.
///
/// ```swift
/// let stalled = try StalledListener()
/// defer { stalled.close() }
/// let url = "postgres://postgres@127.0.0.1:\(stalled.port)/db"
/// ```
public final class StalledListener: Sendable {
    /// The port it listens on.
    public let port: Int
    private let descriptor: Int32

    /// Listens on a port the kernel picks.
    /// - Throws: ``LoopbackPort/SocketFailure`` when no socket could be made, bound or listened on.
    public init() throws {
        let socket = try LoopbackPort.bound(listening: 64)
        self.descriptor = socket.descriptor
        self.port = socket.port
    }

    /// Stops listening (connections in the backlog are reset).
    public func close() { closeSocket(descriptor) }
}

/// POSIX `close(2)`, named apart from `StalledListener.close`.
private func closeSocket(_ descriptor: Int32) {
    _ = close(descriptor)
}
