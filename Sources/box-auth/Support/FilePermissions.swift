import BoxAuthProviders
import Foundation
import Logging

/// How the CLI shows the library's permission warnings: each once, as `warning: ...` lines, before
/// the command runs.
enum FilePermissions {
    /// Warnings for the profiles file and the credential files of `profile` (or of every profile),
    /// found by ``ProfilesFile/permissionWarnings(profiles:registry:)``.
    static func warnings(for file: ProfilesFile, profile: String?) -> [(file: URL, text: String)] {
        file.permissionWarnings(profiles: profile.map { [$0] }, registry: .standard).map { ($0.file, $0.description) }
    }

    /// A log handler that drops the permission warnings the registry logs when it resolves a
    /// profile (they carry ``PermissionWarning/logMetadataKey``): the CLI has printed them already.
    struct LogFilter: LogHandler {
        var wrapped: any LogHandler

        init(_ wrapped: any LogHandler) { self.wrapped = wrapped }

        func log(event: LogEvent) {
            guard event.metadata?[PermissionWarning.logMetadataKey] == nil else { return }
            wrapped.log(event: event)
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { wrapped[metadataKey: key] }
            set { wrapped[metadataKey: key] = newValue }
        }

        var metadata: Logger.Metadata {
            get { wrapped.metadata }
            set { wrapped.metadata = newValue }
        }

        var logLevel: Logger.Level {
            get { wrapped.logLevel }
            set { wrapped.logLevel = newValue }
        }

        var metadataProvider: Logger.MetadataProvider? {
            get { wrapped.metadataProvider }
            set { wrapped.metadataProvider = newValue }
        }
    }
}
