public import Foundation
public import Logging

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
    ///
    /// A `./profiles.json` found in the current folder (not named by `profilesFile` or
    /// `$BOX_PROFILES_FILE`) is used only when the user trusted it with `box-auth profiles trust`
    /// (see `TrustedProfiles`, read from `$XDG_STATE_HOME/box-auth/`); nothing in an untrusted
    /// one is read or run.
    /// - Parameters:
    ///   - name: The profile to use; nil selects as described above.
    ///   - profilesFile: An explicit path to the profiles file (as `--profiles` gives it).
    ///   - environment: Environment variables for the defaults and `{"env": ...}` secrets.
    ///   - transport: The HTTP transport; nil uses ``defaultTransport``.
    ///   - logger: The logger; `profile` and `provider` metadata are added.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path
    ///   (``ConfigurationError/Code/untrustedFile`` for a found file the user has not trusted).
    public func profile(
        _ name: String? = nil, profilesFile: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: (any HTTPTransport)? = nil, logger: Logger = Logger(label: "box-auth")
    ) throws -> ResolvedProfile {
        let location = try ProfilesFile.find(explicitPath: profilesFile, environment: environment)
        let file = try ProfilesFile.load(location, trusting: TrustedProfiles(environment: environment))
        return try profile(name, in: file, environment: environment, transport: transport, logger: logger)
    }
}
