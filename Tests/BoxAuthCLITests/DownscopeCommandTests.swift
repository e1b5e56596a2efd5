import Foundation
import BoxAuthTestSupport
import Testing
import BoxAuthEmulator

@Suite("box-auth downscope and revoke")
struct DownscopeCommandTests {
    @Test("downscope prints a restricted token; revoke makes the old token unusable")
    func downscopeAndRevoke() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let downscoped = try await ProductProcess.boxAuth(
                [
                    "downscope", "--profiles", fixture.profilesPath, "--profile", "service", "--scope", "item_preview",
                    "--resource", "https://api.box.com/2.0/folders/42", "--json",
                ])
            #expect(downscoped.status == 0, "\(downscoped.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(downscoped.stdout.utf8)) as? [String: Any])
            let restricted = try #require(json["restricted_to"] as? [[String: Any]])
            #expect(restricted.first?["scope"] as? String == "item_preview")
            #expect((restricted.first?["object"] as? [String: Any])?["id"] as? String == "42")

            let noScope = try await ProductProcess.boxAuth(["downscope", "--profiles", fixture.profilesPath])
            #expect(noScope.status != 0)
            #expect(noScope.stderr.contains("--scope"))

            let revoked = try await ProductProcess.boxAuth([
                "revoke", "--profiles", fixture.profilesPath, "--profile", "service",
            ])
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(revoked.stdout.contains("Revoked"))
            #expect(await fixture.emulator.counters.tokensRevoked == 1)
        }
    }
}
