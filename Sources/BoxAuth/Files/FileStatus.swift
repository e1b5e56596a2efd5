import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a path or an open descriptor: the file's type, owner and permission bits.
///
/// Symbolic links are followed, so a link to a regular file counts as a regular file.
package struct FileStatus: Sendable, Hashable {
    /// The type bits (`st_mode & S_IFMT`).
    package let type: UInt32
    /// The permission bits (`st_mode & 0o7777`), e.g. `0o644`.
    package let permissions: UInt16
    /// The size in bytes.
    package let size: Int64
    /// The owner's user ID.
    package let owner: UInt32
    /// The owner's group ID.
    package let group: UInt32
    /// The inode number (with the device, what tells one file from another at the same path).
    package let inode: UInt64

    private static let typeMask: UInt32 = 0o170000
    private static let regularType: UInt32 = 0o100000

    /// The status of the file at `path`, or nil when it does not exist or cannot be examined.
    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The status of the open file `descriptor`, or nil when `fstat` fails.
    package init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        type = UInt32(info.st_mode) & Self.typeMask
        permissions = UInt16(truncatingIfNeeded: UInt32(info.st_mode) & 0o7777)
        size = Int64(info.st_size)
        owner = UInt32(info.st_uid)
        group = UInt32(info.st_gid)
        inode = UInt64(info.st_ino)
    }

    /// Whether it is a folder.
    package var isDirectory: Bool { type == 0o040000 }

    /// Whether it is a Unix domain socket.
    package var isSocket: Bool { type == 0o140000 }

    /// Whether it is a regular file (not a folder, device, FIFO or socket).
    package var isRegularFile: Bool { type == Self.regularType }

    /// What it is, as a message says it: `a folder`, `a FIFO`, `a character device`, ...
    package var kindDescription: String {
        switch type {
        case Self.regularType: "a regular file"
        case 0o040000: "a folder"
        case 0o020000: "a character device"
        case 0o060000: "a block device"
        case 0o010000: "a FIFO (named pipe)"
        case 0o140000: "a socket"
        default: "a special file"
        }
    }
}
