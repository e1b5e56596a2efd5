package import Foundation

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
    /// Opens `url` with `flags` (plus `O_NOFOLLOW | O_CLOEXEC`; `mode` when `O_CREAT` creates it)
    /// and checks the descriptor.
    /// - Returns: The open descriptor (the caller closes it), or nil when the file does not exist
    ///   and `flags` has no `O_CREAT`.
    /// - Throws: ``ConfigurationError``: ``ConfigurationError/Code/unsafeFile`` for a symbolic link,
    ///   a file another user owns or one group or others may write;
    ///   ``ConfigurationError/Code/notRegularFile`` for a folder, FIFO or device;
    ///   ``ConfigurationError/Code/fileUnreadable`` for one that cannot be opened; each with a hint.
    package static func open(
        _ url: URL, flags: Int32, mode: mode_t = 0o600, hint: String
    ) throws(ConfigurationError) -> Int32? {
        try openChecked(url, flags: flags, mode: mode, hint: hint)?.descriptor
    }

    /// ``open(_:flags:mode:hint:)``, with what `fstat` said of the descriptor.
    private static func openChecked(
        _ url: URL, flags: Int32, mode: mode_t = 0o600, hint: String
    ) throws(ConfigurationError) -> (descriptor: Int32, status: FileStatus)? {
        let path = url.path
        let descriptor = posixOpen(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard descriptor >= 0 else {
            let number = errno
            if number == ENOENT, flags & O_CREAT == 0 { return nil }
            if number == ELOOP || number == EMLINK {
                throw .unsafeFile(
                    path,
                    message: "the file is a symbolic link, so box-auth does not use it.",
                    hint: "Remove the link (box-auth creates its own file there). \(hint)")
            }
            throw ConfigurationError(
                code: .fileUnreadable,
                message: "cannot open the file (\(String(cString: strerror(number)))).", file: path, hint: hint)
        }
        do {
            return (descriptor, try check(descriptor, path: path, hint: hint))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// The whole of the file at `url`, opened and checked as ``open(_:flags:mode:hint:)`` does; nil
    /// when it does not exist.
    /// - Throws: ``ConfigurationError`` as ``open(_:flags:mode:hint:)`` does, or
    ///   ``ConfigurationError/Code/fileTooLarge`` past `limit` bytes.
    package static func contents(of url: URL, limit: Int, hint: String) throws(ConfigurationError) -> Data? {
        guard let (descriptor, status) = try openChecked(url, flags: O_RDONLY, hint: hint) else { return nil }
        defer { close(descriptor) }
        switch DescriptorReader.readAll(descriptor, sizeHint: Int(clamping: status.size), limit: limit) {
        case .data(let data): return data
        case .tooLarge(let size): throw .fileTooLarge(url.path, size: size, limit: limit)
        case .failed:
            throw ConfigurationError(code: .fileUnreadable, message: "cannot read the file.", file: url.path, hint: hint)
        }
    }

    /// Checks an open descriptor: a regular file, owned by this user or root, not group- or
    /// other-writable (the rules of `FilePermissionCheck`, applied to what was opened).
    /// - Returns: What `fstat` said of it.
    /// - Throws: ``ConfigurationError`` naming `path`, the owner or mode, and the fix.
    @discardableResult
    package static func check(_ descriptor: Int32, path: String, hint: String) throws(ConfigurationError)
        -> FileStatus
    {
        guard let status = FileStatus(descriptor: descriptor) else {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot examine the file.", file: path, hint: hint)
        }
        guard status.isRegularFile else {
            throw ConfigurationError(
                code: .notRegularFile,
                message: "the file is \(status.kindDescription), not a regular file, so box-auth does not use it.",
                file: path, hint: "Remove it (box-auth creates its own file there). \(hint)")
        }
        guard let refusal = FilePermissionCheck.refusal(for: status, path: path) else { return status }
        // Another user's file is box-auth's own to recreate, not one to copy.
        let ownedElsewhere = status.owner != FilePermissionCheck.currentUser && status.owner != 0
        throw .unsafeFile(
            path, message: refusal.message,
            hint: ownedElsewhere ? "Remove it (box-auth creates its own file there). \(hint)" : refusal.hint ?? hint)
    }
}

/// POSIX `open(2)`, named apart from `OwnedDescriptor.open`.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
