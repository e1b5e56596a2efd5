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
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw LoopbackPort.SocketFailure(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            let code = errno
            closeSocket(descriptor)
            throw LoopbackPort.SocketFailure(call: "bind/listen", code: code)
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            closeSocket(descriptor)
            throw LoopbackPort.SocketFailure(call: "getsockname", code: code)
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops listening (connections in the backlog are reset).
    public func close() { closeSocket(descriptor) }
}

/// POSIX `close(2)`, named apart from `StalledListener.close`.
private func closeSocket(_ descriptor: Int32) {
    _ = close(descriptor)
}
