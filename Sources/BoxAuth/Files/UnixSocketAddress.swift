#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
package import Darwin
#endif

/// A Unix domain socket's address (`sockaddr_un`) for a path: what the broker, its client and
/// their tests bind and connect to.
package struct UnixSocketAddress {
    private var address = sockaddr_un()

    /// The address of `path`, or nil when the path does not fit `sun_path` (about 100 bytes).
    package init?(path: String) {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
    }

    /// Calls `body` with the address as a `sockaddr` and its length.
    package func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    /// A new stream socket connected to `path`, or nil (with `errno` set) when nothing accepts there.
    /// The caller closes it.
    package static func connect(to path: String) -> Int32? {
        guard let address = UnixSocketAddress(path: path) else { return nil }
        let descriptor = newSocket()
        guard descriptor >= 0 else { return nil }
        let connected = address.withSocketAddress { systemConnect(descriptor, $0, $1) }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// A new, unconnected stream socket (-1 on failure).
    package static func newSocket() -> Int32 {
        #if canImport(Darwin)
        socket(AF_UNIX, SOCK_STREAM, 0)
        #else
        socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #endif
    }

    private static func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        #if canImport(Darwin)
        Darwin.connect(descriptor, address, length)
        #else
        Glibc.connect(descriptor, address, length)
        #endif
    }
}
