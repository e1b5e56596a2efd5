import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks up users and groups by name in the system's account database.
package enum SystemAccounts {
    /// The user ID of `name`, if the machine has such a user.
    package static func userID(_ name: String) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return UInt32(entry.pw_uid)
    }

    /// The group ID of `name`, if the machine has such a group.
    package static func groupID(_ name: String) -> UInt32? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return UInt32(entry.gr_gid)
    }

    /// The groups `uid` belongs to (its primary group `gid` and its supplementary groups).
    package static func groups(ofUser uid: UInt32, primaryGroup gid: UInt32) -> Set<UInt32> {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.pw_name
        else { return [gid] }
        var count: Int32 = 64
        for _ in 0..<4 {
            #if canImport(Darwin)
            var groups = [Int32](repeating: 0, count: Int(count))
            let found = getgrouplist(name, Int32(bitPattern: gid), &groups, &count)
            #else
            var groups = [gid_t](repeating: 0, count: Int(count))
            let found = getgrouplist(name, gid_t(gid), &groups, &count)
            #endif
            if found >= 0 {
                return Set(groups.prefix(Int(count)).map { UInt32(bitPattern: Int32(truncatingIfNeeded: $0)) }).union([gid])
            }
            count *= 2
        }
        return [gid]
    }
}
