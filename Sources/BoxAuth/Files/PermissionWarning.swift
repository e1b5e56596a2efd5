public import Foundation
package import Logging

/// A file holding credentials or settings that other users can read or write, and the `chmod`
/// that fixes it.
///
/// `FilePermissionCheck` finds them; a resolved profile carries its own
/// (``ResolvedProfile/warnings``, logged only when ``AuthProviderRegistry/logsWarnings`` is on) and
/// ``ProfilesFile/validateAll(registry:environment:)`` returns them.
public struct PermissionWarning: Sendable, Hashable, CustomStringConvertible {
    /// The metadata key the warning's log message carries (its value is the file's path), so that
    /// a log handler can recognize permission warnings.
    package static let logMetadataKey = "box-auth.permissionWarning"

    /// The file.
    public let file: URL
    /// Its permission bits, e.g. `0o644`.
    public let permissions: UInt16
    /// The file that names it (the profiles file), or nil for the profiles file itself.
    public let referencedFrom: String?
    /// The JSON path of the setting that names it (e.g. `profiles.service.configFile`), if any.
    public let jsonPath: String?

    /// Creates a warning.
    public init(file: URL, permissions: UInt16, referencedFrom: String? = nil, jsonPath: String? = nil) {
        self.file = file
        self.permissions = permissions
        self.referencedFrom = referencedFrom
        self.jsonPath = jsonPath
    }

    /// Whether users other than the owner may read the file (not only write it).
    public var isReadableByOthers: Bool { permissions & 0o044 != 0 }

    /// The command that fixes it: `chmod 600 PATH`.
    public var fix: String { "chmod 600 \(MessageText.escaped(file.path))" }

    /// One line: `PATH is readable by other users (mode 644); run `chmod 600 PATH`.`
    public var description: String {
        let access = isReadableByOthers ? "readable" : "writable"
        return
            "\(MessageText.escaped(file.path)) is \(access) by other users (mode \(String(permissions, radix: 8))); run `\(fix)`."
    }

    /// Logs the warning at warning level, with ``logMetadataKey`` set to the file's path.
    package func log(to logger: Logger) {
        logger.warning("\(description)", metadata: [Self.logMetadataKey: .string(file.path)])
    }
}
