import Foundation

/// A folder only its owner may enter (0700), created with its parents when missing: where the
/// token cache and the OAuth 2.0 pair files live.
package enum PrivateFolder {
    /// Creates `folder` (0700) unless it exists.
    /// - Parameters:
    ///   - name: How the error names the folder ("the cache folder").
    ///   - hint: What the error tells the user to do.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/fileUnreadable``) naming the folder.
    package static func create(_ folder: URL, name: String, hint: String) throws(ConfigurationError) {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot create \(name) \(MessageText.escaped(folder.path)).",
                hint: hint)
        }
    }
}
