import ArgumentParser
import BoxAuthCommandProvider
import BoxAuthEmulator
import BoxAuthProviders
import Foundation

/// Prints the Box user a profile's token acts as (`GET /2.0/users/me`).
///
/// Without `--profiles` it starts a local emulator with a sandbox app and uses the `vault` profile,
/// served by the custom `command` provider (Examples/CommandProvider) registered next to the
/// built-ins. With `--profiles` it uses that file, against Box or wherever its profiles point.
@main
struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "WhoAmI", abstract: "Print the Box user a profile's token acts as.")

    @Option(help: "A profiles.json (default: a local emulator sandbox).") var profiles: String?
    @Option(help: "The profile to use (default: the file's default, or 'vault' in the sandbox).") var profile: String?

    func run() async throws {
        var registry = AuthProviderRegistry.standard
        try registry.register(CommandProviderFactory())
        guard let profiles else {
            let sandbox = try await EmulatorSandbox.start()
            do {
                let file = try SandboxProfiles.addingCommandProfile(to: sandbox)
                try await show(profile: profile ?? "vault", in: file, registry: registry)
            } catch {
                await sandbox.stop()
                throw error
            }
            await sandbox.stop()
            return
        }
        let url = FilePaths.resolve(
            profiles, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try await show(profile: profile, in: try ProfilesFile.load(contentsOf: url), registry: registry)
    }

    /// Asks `/2.0/users/me` (the core's ``CurrentUserRequest``) with the profile's token; on 401,
    /// drops the token and tries once more.
    private func show(profile name: String?, in file: ProfilesFile, registry: AuthProviderRegistry) async throws {
        let profile = try registry.profile(name, in: file)
        let me = CurrentUserRequest(baseURL: profile.options.baseURL, transport: profile.transport)
        for attempt in 1...2 {
            let token = try await profile.accessToken()
            let user: BoxUser
            do {
                user = try await me.user(token: token, asUser: profile.options.asUser)
            } catch let error as CurrentUserError where error.status == 401 && attempt == 1 {
                await profile.provider.invalidate(token)
                continue
            }
            print("profile \(profile.name) (\(profile.kind)) acts as \(user.name) (id \(user.id), login \(user.login ?? "?"))")
            return
        }
    }
}
