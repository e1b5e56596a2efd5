import BoxAuth
import BoxAuthTestSupport
import Foundation
import Testing
import BoxAuthEmulator

@Suite("box-auth token")
struct TokenCommandTests {
    @Test("prints a token the emulator issued, for each kind of profile")
    func printsToken() async throws {
        try await EmulatorFixture.withCLI { fixture in
            for profile in ["service", "automation", "alice"] {
                let result = try await ProductProcess.boxAuth(
                    ["token", "--profiles", fixture.profilesPath, "--profile", profile],
                    environment: ["CLI_TEST_SECRET": TestIdentity.clientSecret])
                #expect(result.status == 0, "\(profile): \(result.stderr)")
                let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(token.count >= 32)
            }
            #expect(await fixture.emulator.counters.tokensIssued == 3)
        }
    }

    @Test("--json prints the token with its expiry, type, profile and provider")
    func printsJSON() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(
                ["token", "--json", "--profile", "automation"],
                environment: ["CLI_TEST_SECRET": TestIdentity.clientSecret, "BOX_PROFILES_FILE": fixture.profilesPath])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try JSONDecoder().decode([String: String].self, from: Data(result.stdout.utf8))
            #expect(json["profile"] == "automation")
            #expect(json["provider"] == "client-credentials")
            #expect(json["token_type"] == "bearer")
            #expect(json["as_user"] == "33333")
            #expect((json["access_token"] ?? "").count >= 32)
            let expiresAt = try #require(json["expires_at"].flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(expiresAt > Date().addingTimeInterval(3000))
        }
    }

    @Test("BOX_PROFILE selects the profile and the default profile applies otherwise")
    func profileSelection() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let chosen = try await ProductProcess.boxAuth(
                ["token", "--json", "--profiles", fixture.profilesPath],
                environment: ["BOX_PROFILE": "alice"])
            #expect(chosen.stdout.contains(#""profile":"alice""#), "\(chosen.stderr)")
            let fallback = try await ProductProcess.boxAuth(["token", "--json", "--profiles", fixture.profilesPath])
            #expect(fallback.stdout.contains(#""profile":"service""#), "\(fallback.stderr)")
        }
    }
}
