import Testing
import BoxAuthTestSupport

@Suite("box-auth demo")
struct DemoCommandTests {
    @Test("the demo gets a token through every built-in provider and exits 0")
    func demoSucceeds() async throws {
        let result = try await ProductProcess.boxAuth(["demo"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for profile in ["service", "automation", "alice", "bob", "dev", "me"] {
            #expect(result.stdout.contains("\n\(profile) "), "missing row for \(profile)")
        }
        for kind in ["jwt", "client-credentials", "user-access-token", "developer-token", "oauth2"] {
            #expect(result.stdout.contains(kind))
        }
        #expect(result.stdout.contains("Alice Demo (33333)"))
        #expect(result.stdout.contains("Bob Demo (44444)"))
        #expect(!result.stdout.contains("FAILED"))
        #expect(result.stdout.contains("Every provider got a token"))
    }
}
