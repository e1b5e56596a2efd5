package import Foundation

/// Resolves the paths users write in profiles: `~` expansion, relative to a base folder.
package enum FilePaths {
    /// Resolves `path` (absolute, `~/...` or relative) against `baseDirectory`.
    package static func resolve(_ path: String, relativeTo baseDirectory: URL) -> URL {
        if path == "~" || path.hasPrefix("~/") {
            let home = FileManager.default.homeDirectoryForCurrentUser
            return path == "~" ? home : home.appendingPathComponent(String(path.dropFirst(2)))
        }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return baseDirectory.appendingPathComponent(path).standardizedFileURL
    }
}
