package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder only its owner may enter (0700), created with its parents when missing: where the
/// token cache, the OAuth 2.0 pair files and the trusted-profiles list live.
///
/// A folder that is already there is used only when the current user owns it: one with looser
/// modes (made by an older version, or by hand) is tightened to 0700; one that another user owns
/// (made beforehand, say, in a shared `XDG_CACHE_HOME`) is never used, since that user could
/// replace the files in it.
package enum PrivateFolder {
    /// Creates `folder` (0700) unless it exists, then checks who owns it.
    /// - Parameters:
    ///   - name: How the error names the folder ("the cache folder").
    ///   - hint: What the error tells the user to do.
    /// - Throws: ``ConfigurationError``: ``ConfigurationError/Code/fileUnreadable`` when it cannot
    ///   be created or is not a folder, ``ConfigurationError/Code/unsafeFile`` when another user owns it.
    package static func create(_ folder: URL, name: String, hint: String) throws(ConfigurationError) {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot create \(name) \(MessageText.escaped(folder.path)).",
                hint: hint)
        }
        try requireOwned(folder, name: name, hint: hint)
    }

    /// Checks that `folder` is a folder the current user owns, and tightens it to 0700.
    private static func requireOwned(_ folder: URL, name: String, hint: String) throws(ConfigurationError) {
        let path = folder.path
        guard let status = FileStatus(path: path), status.isDirectory else {
            throw ConfigurationError(
                code: .fileUnreadable, message: "\(name) \(MessageText.escaped(path)) is not a folder.", hint: hint)
        }
        // Root's folders are no exception here, unlike files read: box-auth writes secrets into it.
        guard status.owner == FilePermissionCheck.currentUser else {
            throw .unsafeFile(
                path,
                message: "\(name) is owned by \(FilePermissionCheck.userDescription(status.owner)), not by you "
                    + "(\(FilePermissionCheck.userDescription(FilePermissionCheck.currentUser))); another user could "
                    + "replace the files in it, so box-auth does not use it.",
                hint: "Remove it (rm -r \(MessageText.escaped(path))) so that box-auth creates its own, or "
                    + hint.prefix(1).lowercased() + hint.dropFirst())
        }
        if status.permissions & 0o077 != 0, chmod(path, 0o700) != 0 {
            throw ConfigurationError(
                code: .unsafeFile,
                message: "\(name) \(MessageText.escaped(path)) has mode \(String(status.permissions, radix: 8)) "
                    + "and could not be tightened to 700.",
                file: path, hint: "Run `chmod 700 \(MessageText.escaped(path))`.")
        }
    }
}
