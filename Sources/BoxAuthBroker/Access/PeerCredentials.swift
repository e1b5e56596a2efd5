package import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user and group of the process at the other end of a Unix socket, as the kernel reports
/// them (`SO_PEERCRED` on Linux, `LOCAL_PEERCRED` on macOS): a caller cannot claim another user.
package struct PeerCredentials: Sendable, Hashable {
    /// The caller's effective user ID.
    package let uid: UInt32
    /// The caller's effective (primary) group ID.
    package let gid: UInt32

    package init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }

    /// The credentials of the peer of `channel`, or nil when it is not a Unix socket the system
    /// can tell about.
    package static func of(_ channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        #if os(Linux)
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        struct LinuxUcred: Sendable {
            var pid: Int32 = 0
            var uid: UInt32 = 0
            var gid: UInt32 = 0
        }
        let future: EventLoopFuture<LinuxUcred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        guard let credentials = try? await future.get() else { return nil }
        return PeerCredentials(uid: credentials.uid, gid: credentials.gid)
        #elseif canImport(Darwin)
        // struct xucred { u_int cr_version; uid_t cr_uid; short cr_ngroups; gid_t cr_groups[16]; }
        struct DarwinXucred: Sendable {
            var version: UInt32 = 0
            var uid: UInt32 = 0
            var groupCount: Int16 = 0
            var groups: (
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        }
        // SOL_LOCAL is 0 and LOCAL_PEERCRED 1 (<sys/un.h>).
        let future: EventLoopFuture<DarwinXucred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(0), name: SocketOptionName(1))
        guard let credentials = try? await future.get(), credentials.groupCount > 0 else { return nil }
        return PeerCredentials(uid: credentials.uid, gid: credentials.groups.0)
        #else
        return nil
        #endif
    }
}
