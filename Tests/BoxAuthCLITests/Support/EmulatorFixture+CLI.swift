import BoxAuth
import BoxAuthTestSupport
import Foundation

/// What the CLI tests add to the one emulator fixture: the profiles they run `box-auth` with.
extension EmulatorFixture {
    /// Runs `body` with a fixture listening on a loopback socket (`box-auth` runs as a child
    /// process) whose `profiles.json` holds the CLI profiles of ``writeCLIProfiles(baseURL:)``.
    static func withCLI(_ body: (EmulatorFixture) async throws -> Void) async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            try fixture.writeCLIProfiles(baseURL: fixture.baseURL.absoluteString)
            try await body(fixture)
        }
    }

    /// The path of the fixture's `profiles.json`.
    var profilesPath: String { profilesURL.path }

    /// Every string that must never appear in output.
    var secrets: [String] {
        get throws { try TestIdentity.secrets }
    }

    /// Writes the CLI profiles: `service` (jwt from box_config.json), `automation`
    /// (client-credentials, secret from `$CLI_TEST_SECRET`, As-User 33333) and `alice`
    /// (user-access-token through client-credentials, secret from a file), all at `baseURL`.
    func writeCLIProfiles(baseURL: String) throws {
        try write(
            """
            { "defaultProfile": "service",
              "profiles": {
                "service": { "provider": "jwt", "configFile": "box_config.json", "baseURL": "\(baseURL)" },
                "automation": { "provider": "client-credentials", "clientID": "\(TestIdentity.clientID)",
                                "clientSecret": { "env": "CLI_TEST_SECRET" }, "enterpriseID": "\(TestIdentity.enterpriseID)",
                                "baseURL": "\(baseURL)", "asUser": "\(TestIdentity.userID)" },
                "alice": { "provider": "user-access-token", "userID": "\(TestIdentity.userID)", "grant": "client-credentials",
                           "clientID": "\(TestIdentity.clientID)", "clientSecret": { "file": "\(Self.clientSecretFileName)" },
                           "baseURL": "\(baseURL)" }
              } }
            """, named: "profiles.json")
    }
}
