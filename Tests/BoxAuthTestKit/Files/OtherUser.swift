public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Another user (`nobody`) for the tests that play someone else on the machine: a file or folder
/// that user owns must be refused.
///
/// Giving a file away needs root. Such tests are enabled with ``isAvailable``: when the tests run
/// as root, or under CI (where a run that is not root then fails instead of skipping).
public enum OtherUser {
    /// `nobody`'s user ID (65534 on Debian and most Linux systems), from the user database.
    public static let uid: UInt32 = {
        guard let entry = getpwnam("nobody") else { return 65534 }
        return UInt32(entry.pointee.pw_uid)
    }()

    /// Whether tests that give files away run: as root, or whenever `CI` is set.
    public static var isAvailable: Bool {
        geteuid() == 0 || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } == true
    }

    /// Makes ``uid`` the owner of `url` (not following a symbolic link).
    /// - Throws: When that fails (not root).
    public static func giveAway(_ url: URL) throws {
        guard lchown(url.path, uid_t(uid), gid_t(UInt32.max)) == 0 else {
            throw CocoaError(
                .fileWriteNoPermission,
                userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "chown to nobody needs root"])
        }
    }
}
