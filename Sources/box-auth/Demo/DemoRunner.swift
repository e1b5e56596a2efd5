import BoxAuthEmulator
import BoxAuthOAuth2
import BoxAuthProviders
import BoxAuthURLSession
import Foundation
import Logging

/// Runs each demo profile: build the provider, get a token, call `/2.0/users/me`, time it.
struct DemoRunner {
    struct Outcome {
        var table = DemoTable(header: ["PROFILE", "PROVIDER", "SUBJECT", "USER", "TOKEN", "EXPIRES IN", "TIME"])
        var failures: [String] = []
    }

    let sandbox: EmulatorSandbox
    let logger: Logger

    func run() async throws -> Outcome {
        let file = try ProfilesFile.load(contentsOf: sandbox.profilesURL)
        let transport = URLSessionTransport()
        let currentUser = CurrentUserRequest(baseURL: sandbox.baseURL, transport: transport)
        var outcome = Outcome()
        // The oauth2 profile keeps its tokens in the sandbox, which is deleted afterwards.
        let environment = ["XDG_STATE_HOME": sandbox.folder.appendingPathComponent("state").path]
        for name in EmulatorSandbox.profileNames {
            let start = ContinuousClock.now
            do {
                let profile = try AuthProviderRegistry.commandLine.profile(
                    name, in: file, environment: environment, transport: transport, logger: logger)
                var subject = profile.provider.subject?.description ?? "developer token"
                if profile.provider is OAuth2AuthProvider {
                    _ = try await DemoSignIn.signIn(profile, logger: logger)
                    subject = "signed-in user"
                }
                let token = try await profile.provider.accessToken()
                let user = try await currentUser.user(token: token, asUser: profile.options.asUser)
                let elapsed = ContinuousClock.now - start
                outcome.table.rows.append([
                    name, profile.kind, subject, "\(MessageText.escaped(user.name)) (\(MessageText.escaped(user.id)))",
                    token.abbreviated, Self.format(token.expiresAt.timeIntervalSinceNow), Self.format(elapsed),
                ])
            } catch {
                outcome.table.rows.append([
                    name, file.entries[name]?["provider"]?.stringValue ?? "?", "-", "-", "-", "-", "FAILED",
                ])
                outcome.failures.append("profile '\(name)': \(error)")
            }
        }
        return outcome
    }

    static func format(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded()))
        return "\(total / 60)m \(String(format: "%02d", total % 60))s"
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", milliseconds)
    }
}
