import BoxAuthProviders
import Foundation

/// Resolves a profile with the standard registry, shows its permission warnings the app's way,
/// and gets a token: `LightApp [PROFILES_FILE] [PROFILE]`. The token itself is never printed.
@main
struct LightApp {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        do {
            let profile = try AuthProviderRegistry.standard.profile(
                arguments.dropFirst().first, profilesFile: arguments.first)
            for warning in profile.warnings {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            let token = try await profile.accessToken()
            print(
                "profile '\(profile.name)' (\(profile.kind)): a token of \(token.value.count) characters,"
                    + " valid until \(token.expiresAt.formatted(.iso8601))")
        } catch {
            FileHandle.standardError.write(Data("LightApp: \(error)\n".utf8))
            exit(1)
        }
    }
}
