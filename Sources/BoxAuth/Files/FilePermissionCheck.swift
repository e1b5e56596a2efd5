package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules for the files and folders box-auth reads settings, credentials and tokens from, as
/// ssh's `StrictModes`:
///
/// - A file or folder must be owned by the user box-auth runs as (or by root) and must not be
///   writable by its group or by others; otherwise it is refused (``ConfigurationError/Code/unsafeFile``),
///   because another user could put their own settings, keys or programs in it.
/// - A file that other users can read draws a warning (``warning(for:referencedFrom:jsonPath:)``):
///   they can see its secrets, but cannot make box-auth act for them.
///
/// Symbolic links are followed: the file checked is the one that is read. Readers check the open
/// descriptor (`RegularFileReader`), so a file swapped in after the check is caught too.
package enum FilePermissionCheck {
    /// The group and other read bits: any of them set draws a warning.
    package static let sharedReadMask: UInt16 = 0o044
    /// The group and other write bits: any of them set refuses the file.
    package static let sharedWriteMask: UInt16 = 0o022

    /// The warning for the file at `url`, or nil when it is missing, not a regular file, or only
    /// its owner can read it. (A file others can write is refused when it is read, not warned about.)
    /// - Parameters:
    ///   - url: The file.
    ///   - referencedFrom: The file that names it (the profiles file), if any.
    ///   - jsonPath: The JSON path of the setting that names it, if any.
    package static func warning(
        for url: URL, referencedFrom: String? = nil, jsonPath: String? = nil
    ) -> PermissionWarning? {
        guard let status = FileStatus(path: url.path), status.isRegularFile,
            status.permissions & sharedReadMask != 0, refusal(for: status, path: url.path) == nil
        else { return nil }
        return PermissionWarning(
            file: url, permissions: status.permissions, referencedFrom: referencedFrom, jsonPath: jsonPath)
    }

    /// Refuses the file at `url` when it exists and another user owns it or can write it.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/unsafeFile``) naming the file,
    ///   its owner or mode, and the fix.
    package static func requireOwnedByUser(
        _ url: URL, referencedFrom: String? = nil, jsonPath: String? = nil
    ) throws(ConfigurationError) {
        guard let status = FileStatus(path: url.path),
            let refusal = refusal(for: status, path: url.path, referencedFrom: referencedFrom, jsonPath: jsonPath)
        else { return }
        throw refusal
    }

    /// The user box-auth runs as (the effective user ID).
    package static var currentUser: UInt32 { UInt32(geteuid()) }

    /// The error for a file or folder with `status` that another user owns or can write, or nil
    /// when only its owner (the current user or root) can write it.
    package static func refusal(
        for status: FileStatus, path: String, referencedFrom: String? = nil, jsonPath: String? = nil
    ) -> ConfigurationError? {
        let ownedElsewhere = status.owner != currentUser && status.owner != 0
        guard ownedElsewhere || status.permissions & sharedWriteMask != 0 else { return nil }
        // The error's file is `path` itself unless another file names it: then the message names it.
        let what =
            (status.isDirectory ? "the folder" : "the file")
            + (referencedFrom == nil ? "" : " \(MessageText.quoted(path))")
        let shown = MessageText.escaped(path)
        if ownedElsewhere {
            return .unsafeFile(
                path,
                message:
                    "\(what) is owned by \(userDescription(status.owner)), not by you "
                    + "(\(userDescription(currentUser))) or root, so another user could change it; box-auth does not use it.",
                hint: status.isDirectory
                    ? "Remove it (rm -r \(shown)) so that box-auth creates its own, or point box-auth elsewhere."
                    : "Copy it to a file you own (cp \(shown) NEW && chmod 600 NEW) and use that.",
                referencedFrom: referencedFrom, jsonPath: jsonPath)
        }
        let mode = String(status.permissions, radix: 8)
        return .unsafeFile(
            path,
            message:
                "\(what) is writable by other users (mode \(mode)), so they could "
                + "change it; box-auth does not use it.",
            hint: "Run `chmod \(status.isDirectory ? "700" : "600") \(shown)`.",
            referencedFrom: referencedFrom, jsonPath: jsonPath)
    }

    /// `uid 1000 (alice)`, or `uid 1000` when the user database has no name for it.
    package static func userDescription(_ uid: UInt32) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1024)
        guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.pw_name
        else { return "uid \(uid)" }
        return "uid \(uid) (\(MessageText.escaped(String(cString: name))))"
    }
}
