import ArgumentParser
import BoxAuthCommandProvider
import BoxAuthEmulator
import BoxAuthProviders
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

    /// Calls users/me with the profile's token; on 401, drops the token and tries once more.
    private func show(profile name: String?, in file: ProfilesFile, registry: AuthProviderRegistry) async throws {
        let profile = try registry.profile(name, in: file)
        let url = profile.options.baseURL.appendingPathComponent("2.0/users/me")
        for attempt in 1...2 {
            let (request, token) = try await profile.authorize(URLRequest(url: url))
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if status == 401, attempt == 1 {
                await profile.provider.invalidate(token)
                continue
            }
            guard status == 200, let user = try? JSONDecoder().decode(JSONValue.self, from: data).objectValue else {
                throw ValidationError("GET /2.0/users/me answered HTTP \(status).")
            }
            let id = user["id"]?.stringValue ?? user["id"]?.jsonText ?? "?"
            print(
                "profile \(profile.name) (\(profile.kind)) acts as \(user["name"]?.stringValue ?? "?") (id \(id), login \(user["login"]?.stringValue ?? "?"))"
            )
            return
        }
    }
}
