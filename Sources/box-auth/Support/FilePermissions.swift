import Foundation

/// Warns when a file holding credentials can be read by other users.
enum FilePermissions {
    /// The warning for `url`, or nil when only its owner can read it.
    static func sharedFileWarning(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        else { return nil }
        return "warning: \(url.path) is readable by other users (mode \(String(mode, radix: 8))); run `chmod 600 \(url.path)`."
    }

    /// Prints ``sharedFileWarning(_:)`` to stderr, if any.
    static func warnIfShared(_ url: URL) {
        if let warning = sharedFileWarning(url) { Console.error(warning) }
    }
}
