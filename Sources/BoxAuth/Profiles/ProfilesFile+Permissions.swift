import Foundation

extension ProfilesFile {
    /// The warning for the profiles file itself, when users other than its owner can read or write it.
    package var permissionWarning: PermissionWarning? { FilePermissionCheck.warning(for: url) }

    /// Warnings for the profiles file and for the files one of its profiles names through `declared`
    /// settings (every `.path` setting and every `{"file": ...}` secret), each file once, the
    /// profiles file first.
    ///
    /// ``AuthProviderRegistry`` logs these when it resolves a profile.
    /// - Parameters:
    ///   - settings: The profile's settings (``settings(for:environment:)``).
    ///   - declared: The settings its provider declares, with ``AuthProviderRegistry/commonSettings``.
    package func permissionWarnings(for settings: ProfileSettings, declared: [ProviderSetting]) -> [PermissionWarning] {
        var warnings = permissionWarning.map { [$0] } ?? []
        for warning in settings.permissionWarnings(declared: declared) where warning.file.path != url.path {
            warnings.append(warning)
        }
        return warnings
    }

    /// Warnings for the profiles file and for the files the profiles `names` (every profile when nil)
    /// name through the settings their providers in `registry` declare, each file once, the profiles
    /// file first.
    ///
    /// Unknown profile names and provider kinds add no warnings (resolving them reports the error).
    package func permissionWarnings(
        profiles names: [String]? = nil, registry: AuthProviderRegistry
    ) -> [PermissionWarning] {
        var warnings = permissionWarning.map { [$0] } ?? []
        var seen: Set = [url.path]
        for name in names ?? profileNames {
            guard let settings = try? settings(for: name, environment: [:]) else { continue }
            for warning in settings.permissionWarnings(declared: registry.declaredSettings(for: settings))
            where seen.insert(warning.file.path).inserted {
                warnings.append(warning)
            }
        }
        return warnings
    }
}
