#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TCP ports on 127.0.0.1, for tests of what a client does when nothing listens.
///
/// ```swift
/// let url = URL(string: "http://127.0.0.1:\(try LoopbackPort.unused())/oauth2/token")!
/// // a request to `url` is refused at once
/// ```
public enum LoopbackPort {
    /// A socket call failed while looking for a port.
    public struct SocketFailure: Error, CustomStringConvertible {
        /// The call that failed (`socket`, `bind`, `getsockname`).
        public let call: String
        /// Its `errno`.
        public let code: Int32
        /// Names the call and the error.
        public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// A port nobody listens on: the kernel picks a free ephemeral port for a socket bound to
    /// 127.0.0.1, which is closed again before this returns (it never listened, so a connection to
    /// the port is refused).
    /// - Throws: ``SocketFailure`` when no socket could be made or bound.
    public static func unused() throws -> Int {
        let socket = try bound(listening: nil)
        close(socket.descriptor)
        return socket.port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel picks, listening with `backlog` when
    /// given; the caller closes `descriptor`.
    /// - Throws: ``SocketFailure`` when no socket could be made, bound or listened on.
    public static func bound(listening backlog: Int32?) throws -> (descriptor: Int32, port: Int) {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketFailure(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let failure: SocketFailure? = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                if bind(descriptor, pointer, length) != 0 { return SocketFailure(call: "bind", code: errno) }
                if let backlog, listen(descriptor, backlog) != 0 { return SocketFailure(call: "listen", code: errno) }
                if getsockname(descriptor, pointer, &length) != 0 {
                    return SocketFailure(call: "getsockname", code: errno)
                }
                return nil
            }
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}

extension LoopbackPort {
    /// Whether something accepts TCP connections on `port` of 127.0.0.1 now (a connect that is
    /// refused returns at once on the loopback).
    public static func accepts(_ port: Int) -> Bool {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
