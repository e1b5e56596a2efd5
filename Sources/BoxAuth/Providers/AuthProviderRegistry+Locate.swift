import Foundation
import Logging

extension AuthProviderRegistry {
    /// Locates the profiles file, loads it, selects a profile and builds its provider: the one
    /// expression most programs need.
    ///
    /// ```swift
    /// import BoxAuthProviders
    /// let box = try AuthProviderRegistry.standard.profile("service")
    /// let (request, token) = try await box.authorize(URLRequest(url: usersMe))
    /// ```
    ///
    /// The file is `profilesFile`, else `$BOX_PROFILES_FILE`, else `./profiles.json`, else
    /// `~/.config/box-auth/profiles.json`; the profile is `name`, else `$BOX_PROFILE`, else the
    /// file's `defaultProfile`, else its only profile.
    /// - Parameters:
    ///   - name: The profile to use; nil selects as described above.
    ///   - profilesFile: An explicit path to the profiles file (as `--profiles` gives it).
    ///   - environment: Environment variables for the defaults and `{"env": ...}` secrets.
    ///   - transport: The HTTP transport; nil uses ``defaultTransport``.
    ///   - logger: The logger; `profile` and `provider` metadata are added.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path.
    public func profile(
        _ name: String? = nil, profilesFile: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: (any HTTPTransport)? = nil, logger: Logger = Logger(label: "box-auth")
    ) throws -> ResolvedProfile {
        let url = try ProfilesFile.locate(explicitPath: profilesFile, environment: environment)
        return try profile(
            name, in: try ProfilesFile.load(contentsOf: url), environment: environment, transport: transport,
            logger: logger)
    }
}
