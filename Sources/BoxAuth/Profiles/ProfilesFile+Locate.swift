import Foundation

extension ProfilesFile {
    /// Finds the profiles file: `explicitPath`, else `$BOX_PROFILES_FILE`, else `./profiles.json`,
    /// else `~/.config/box-auth/profiles.json`.
    /// - Throws: ``ConfigurationError`` listing the places searched when none exists.
    public static func locate(
        explicitPath: String?, environment: [String: String],
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        homeDirectory: URL = FileManager.default.homeDirectoryForCurrentUser
    ) throws(ConfigurationError) -> URL {
        if let path = explicitPath ?? environment["BOX_PROFILES_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return FilePaths.resolve(path, relativeTo: currentDirectory)
        }
        let candidates = [
            currentDirectory.appendingPathComponent("profiles.json"),
            homeDirectory.appendingPathComponent(".config/box-auth/profiles.json"),
        ]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) { return found }
        throw ConfigurationError(
            code: .fileUnreadable,
            message:
                "no profiles file found (looked at \(candidates.map { MessageText.escaped($0.path) }.joined(separator: " and "))).",
            hint: "Pass --profiles PATH, set BOX_PROFILES_FILE, or create ./profiles.json.")
    }
}
