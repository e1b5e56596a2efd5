import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("Examples/WhoAmI")
struct WhoAmITests {
    @Test("with no arguments it starts a sandbox and uses the custom command provider")
    func sandboxWithCommandProvider() async throws {
        let result = try await ProductProcess.run("WhoAmI", [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("profile vault (command) acts as"))
        #expect(result.stdout.contains("id 33333"))
    }

    @Test("with a profiles file it uses the chosen profile, and asUser becomes As-User")
    func profilesFileWithAsUser() async throws {
        try await EmulatorFixture.with(connection: .socket) { sandbox in
            let base = sandbox.baseURL.absoluteString
            let url = try sandbox.write(
                """
                { "profiles": {
                    "service": { "provider": "jwt", "configFile": "box_config.json", "baseURL": "\(base)" },
                    "as-bob": { "provider": "jwt", "configFile": "box_config.json", "baseURL": "\(base)", "asUser": "44444" } } }
                """, named: "whoami.json")
            let service = try await ProductProcess.run("WhoAmI", ["--profiles", url.path, "--profile", "service"])
            #expect(service.status == 0, "\(service.stderr)")
            #expect(service.stdout.contains("profile service (jwt) acts as Emulated App"))
            let asBob = try await ProductProcess.run("WhoAmI", ["--profiles", url.path, "--profile", "as-bob"])
            #expect(asBob.status == 0, "\(asBob.stderr)")
            #expect(asBob.stdout.contains("Bob Demo (id 44444"))
        }
    }
}
