import Foundation
import BoxAuthTestSupport
import Testing

@Suite("box-auth never prints secrets")
struct SecretLeakTests {
    @Test("no command prints the client secret, passphrase or key material, verbose or not")
    func noLeaks() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let env = ["CLI_TEST_SECRET": TestIdentity.clientSecret, "BOX_AUTH_LOG_LEVEL": "trace"]
            let runs: [[String]] = [
                ["token", "--verbose", "--profiles", fixture.profilesPath],
                ["token", "--verbose", "--profiles", fixture.profilesPath, "--profile", "automation"],
                ["token", "--verbose", "--profiles", fixture.profilesPath, "--profile", "alice"],
                ["profiles", "show", "service", "--profiles", fixture.profilesPath],
                ["profiles", "show", "automation", "--profiles", fixture.profilesPath],
                ["profiles", "validate", "--profiles", fixture.profilesPath],
            ]
            for arguments in runs {
                let result = try await ProductProcess.boxAuth(arguments, environment: env)
                for secret in try fixture.secrets {
                    #expect(!result.output.contains(secret), "\(arguments) printed a secret")
                }
            }
            // A refused request with the wrong secret must not echo it either.
            let refused = try await ProductProcess.boxAuth(
                ["token", "--verbose", "--profiles", fixture.profilesPath, "--profile", "automation"],
                environment: ["CLI_TEST_SECRET": "wrong-secret-value-123"])
            #expect(refused.status == 3)
            #expect(!refused.output.contains("wrong-secret-value-123"))
        }
    }
}
