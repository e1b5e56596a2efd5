import ArgumentParser
import BoxAuthProviders
import Foundation
import Logging
@_spi(Plumbing) import BoxAuth

/// Options every command that reads profiles takes.
struct ProfileOptionGroup: ParsableArguments {
    @Option(
        name: .long,
        help: "The profiles file (default: $BOX_PROFILES_FILE, ./profiles.json, ~/.config/box-auth/profiles.json).")
    var profiles: String?

    @Option(name: .long, help: "The profile to use (default: $BOX_PROFILE, then defaultProfile).")
    var profile: String?

    /// Finds the profiles file (`--profiles`, then the documented places).
    func locate(environment: [String: String]) throws(ConfigurationError) -> ProfilesFile.Location {
        try ProfilesFile.find(explicitPath: profiles, environment: environment)
    }

    /// The file `path` names (relative to the current folder), else the file box-auth would use.
    func file(named path: String?, environment: [String: String]) throws(ConfigurationError) -> URL {
        guard let path else { return try locate(environment: environment).url }
        return FilePaths.resolve(path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// Finds and loads the profiles file; one found in the current folder must be trusted.
    func loadFile(environment: [String: String]) throws -> ProfilesFile {
        let file = try ProfilesFile.load(
            locate(environment: environment), trusting: TrustedProfiles(environment: environment))
        let profile = try? file.selectProfile(profile, environment: environment)
        for warning in FilePermissions.warnings(for: file, profile: profile) {
            Console.error("warning: " + warning.text)
        }
        return file
    }

    /// Locates and loads the profiles file, selects the profile and builds its provider with the
    /// command-line registry (`--profiles`, `--profile` and the documented defaults).
    /// `storeKind`, when given, is the token store the profile uses whatever its `"cache"` says;
    /// `followsStoreChoice` false ignores where the last `login --store` put its tokens (both for
    /// `box-auth login --store`).
    func resolve(
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        storeKind: String? = nil, followsStoreChoice: Bool = true
    ) throws -> ResolvedProfile {
        var registry = AuthProviderRegistry.commandLine
        registry.storeKindOverride = storeKind
        registry.followsSignInStoreChoice = followsStoreChoice
        return try registry.profile(
            profile, in: try loadFile(environment: environment), environment: environment, logger: logger)
    }
}
