import Foundation

/// Finds files holding credentials that users other than their owner can read or write.
///
/// Only regular files are checked: a device such as `/dev/zero`, a FIFO or a folder draws no
/// warning (reading one is refused instead, with ``ConfigurationError/Code/notRegularFile``).
/// Symbolic links are followed. For the files a profile names, see
/// ``ProfilesFile/permissionWarnings(for:declared:)``.
public enum FilePermissionCheck {
    /// The group and other read and write bits: any of them set draws a warning.
    public static let sharedAccessMask: UInt16 = 0o066

    /// The warning for the file at `url`, or nil when it is missing, not a regular file, or only
    /// its owner can read and write it.
    /// - Parameters:
    ///   - url: The file.
    ///   - referencedFrom: The file that names it (the profiles file), if any.
    ///   - jsonPath: The JSON path of the setting that names it, if any.
    public static func warning(
        for url: URL, referencedFrom: String? = nil, jsonPath: String? = nil
    ) -> PermissionWarning? {
        guard let status = FileStatus(path: url.path), status.isRegularFile,
            status.permissions & sharedAccessMask != 0
        else { return nil }
        return PermissionWarning(
            file: url, permissions: status.permissions, referencedFrom: referencedFrom, jsonPath: jsonPath)
    }
}
