import BoxAuth
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("profiles with {\"command\": [...]} secrets")
struct CommandSecretProfileTests {
    let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin"]

    @Test("a client-credentials profile takes its clientSecret from a command")
    func clientCredentials() async throws {
        try await EmulatorFixture.with { workspace in
            let secret = workspace.config.clientSecret.exposedValue
            let profile = try workspace.profile(
                """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": {"command": ["cat", "\(EmulatorFixture.clientSecretFileName)"]},
                 "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """,
                environment: environment)
            #expect(profile.kind == "client-credentials")

            let token = try await profile.provider.accessToken()
            #expect(try await workspace.currentUser(token).id == workspace.serviceAccountID)
            #expect(workspace.transport.sentValues(of: "client_secret") == [secret])
        }
    }

    @Test("a failing command is a commandFailed error naming the profiles file and JSON path")
    func failingCommand() async throws {
        try await EmulatorFixture.with { workspace in
            let error = try #require(throws: ConfigurationError.self) {
                try workspace.profile(
                    """
                    {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                     "clientSecret": {"command": ["false"]}, "enterpriseID": "\(TestIdentity.enterpriseID)"}
                    """,
                    environment: environment)
            }
            #expect(error.code == .commandFailed)
            #expect(error.file == workspace.profilesURL.path)
            #expect(error.jsonPath == "profiles.test.clientSecret")
        }
    }

    @Test("validateAll reports a bad command shape and a failing command")
    func validation() async throws {
        try await EmulatorFixture.with { workspace in
            let file = try workspace.writeProfiles([
                "shape": """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": {"command": []}, "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """,
                "fails": """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": {"command": ["false"]}, "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """,
            ])
            let validation = file.validateAll(registry: .standard, environment: environment)
            let byName = Dictionary(uniqueKeysWithValues: validation.profiles.map { ($0.name, $0) })
            let shape = try #require(byName["shape"]?.error as? ConfigurationError)
            #expect(shape.jsonPath == "profiles.shape.clientSecret.command")
            let fails = try #require(byName["fails"]?.error as? ConfigurationError)
            #expect(fails.code == .commandFailed)
            #expect(fails.jsonPath == "profiles.fails.clientSecret")
        }
    }
}
