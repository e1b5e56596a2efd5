import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens box-auth's own lock and data files the way ssh's StrictModes checks its files: never
/// through a symbolic link (`O_NOFOLLOW`), and only when the open descriptor (`fstat`, not the
/// path, so a file swapped in between is caught) is a regular file owned by this user (or root)
/// that neither group nor others may write.
///
/// Anything else is refused with a ``ConfigurationError`` that names the path, its owner or mode,
/// and the fix: another user's file, or one they may write, could hand this process a token of
/// their choosing or hold up every process that waits for it.
package enum OwnedDescriptor {
    /// Group and other write bits: either one set refuses the file.
    package static let sharedWriteMask: mode_t = 0o022

    /// Opens `url` with `flags` (plus `O_NOFOLLOW | O_CLOEXEC`; `mode` when `O_CREAT` creates it)
    /// and checks the descriptor.
    /// - Returns: The open descriptor (the caller closes it), or nil when the file does not exist
    ///   and `flags` has no `O_CREAT`.
    /// - Throws: ``ConfigurationError``: ``ConfigurationError/Code/notRegularFile`` for a symbolic
    ///   link, folder, FIFO or device; ``ConfigurationError/Code/fileUnreadable`` for a file another
    ///   user owns, one group or others may write, or one that cannot be opened; each with `hint`.
    package static func open(
        _ url: URL, flags: Int32, mode: mode_t = 0o600, hint: String
    ) throws(ConfigurationError) -> Int32? {
        let path = url.path
        let descriptor = posixOpen(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard descriptor >= 0 else {
            let number = errno
            if number == ENOENT, flags & O_CREAT == 0 { return nil }
            if number == ELOOP || number == EMLINK {
                throw refused(
                    path, "is a symbolic link",
                    fix: "Remove the link (box-auth creates its own file there). \(hint)")
            }
            throw ConfigurationError(
                code: .fileUnreadable,
                message: "cannot open \(MessageText.escaped(path)) (\(String(cString: strerror(number)))).",
                hint: hint)
        }
        do {
            try check(descriptor, path: path, hint: hint)
        } catch {
            close(descriptor)
            throw error
        }
        return descriptor
    }

    /// The whole of the file at `url`, opened and checked as ``open(_:flags:mode:hint:)`` does; nil
    /// when it does not exist.
    /// - Throws: ``ConfigurationError`` as ``open(_:flags:mode:hint:)`` does, or
    ///   ``ConfigurationError/Code/fileTooLarge`` past `limit` bytes.
    package static func contents(of url: URL, limit: Int, hint: String) throws(ConfigurationError) -> Data? {
        guard let descriptor = try open(url, flags: O_RDONLY, hint: hint) else { return nil }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ConfigurationError(
                    code: .fileUnreadable, message: "cannot read \(MessageText.escaped(url.path)).", hint: hint)
            }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit { throw .fileTooLarge(url.path, size: data.count, limit: limit) }
        }
    }

    /// Checks an open descriptor: a regular file, owned by this user or root, not group- or
    /// other-writable.
    /// - Throws: ``ConfigurationError`` naming `path`, the owner or mode, and the fix.
    package static func check(_ descriptor: Int32, path: String, hint: String) throws(ConfigurationError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot examine \(MessageText.escaped(path)).", hint: hint)
        }
        guard UInt32(info.st_mode) & 0o170000 == 0o100000 else {
            throw ConfigurationError(
                code: .notRegularFile,
                message: "\(MessageText.escaped(path)) is not a regular file, so box-auth does not use it.",
                hint: "Remove it (box-auth creates its own file there). \(hint)")
        }
        let user = geteuid()
        guard info.st_uid == user || info.st_uid == 0 else {
            throw refused(
                path, "is owned by \(owner(info.st_uid)), not by you (\(owner(user)))",
                fix:
                    "Remove it (box-auth creates its own file there), or fix its owner: chown \(owner(user)) \(shellQuoted(path))."
            )
        }
        let permissions = UInt32(info.st_mode) & 0o7777
        guard permissions & UInt32(sharedWriteMask) == 0 else {
            throw refused(
                path, "has mode \(String(permissions, radix: 8)), so other users may write it",
                fix: "Run: chmod 600 \(shellQuoted(path)).")
        }
    }

    private static func refused(_ path: String, _ problem: String, fix: String) -> ConfigurationError {
        ConfigurationError(
            code: .fileUnreadable,
            message: "\(MessageText.escaped(path)) \(problem), so box-auth refuses to use it.", hint: fix)
    }

    /// A user's name (or number when it has none), as `ls -l` shows it.
    private static func owner(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    private static func shellQuoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-~+".contains($0) }
            ? path : "'" + MessageText.escaped(path).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// POSIX `open(2)`, named apart from `OwnedDescriptor.open`.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
