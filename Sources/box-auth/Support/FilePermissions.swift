import BoxAuthProviders
import Foundation

/// How the CLI shows the library's permission warnings: each once, as `warning: ...` lines, before
/// the command runs (the library hands them back as values and logs none of them).
enum FilePermissions {
    /// Warnings for the profiles file and the credential files of `profile` (or of every profile),
    /// found by ``ProfilesFile/permissionWarnings(profiles:registry:)``.
    static func warnings(for file: ProfilesFile, profile: String?) -> [(file: URL, text: String)] {
        file.permissionWarnings(profiles: profile.map { [$0] }, registry: .commandLine).map { ($0.file, $0.description) }
    }
}
