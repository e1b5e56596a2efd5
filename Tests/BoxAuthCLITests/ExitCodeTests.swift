import Foundation
import BoxAuthTestSupport
import Testing
import BoxAuthEmulator

@Suite("box-auth exit codes and error paragraphs")
struct ExitCodeTests {
    @Test("a missing profiles file is a configuration error (exit 2) saying where it looked")
    func missingProfiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "box-auth-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProductProcess.boxAuth(["token"], environment: ["HOME": folder.path], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no profiles file found"))
        #expect(result.stderr.contains("--profiles"))
    }

    @Test("invalid JSON names the file (exit 2)")
    func invalidJSON() async throws {
        try await EmulatorFixture.withCLI { fixture in
            try fixture.write(#"{"profiles": {"#, named: "profiles.json")
            let result = try await ProductProcess.boxAuth(["token", "--profiles", fixture.profilesPath])
            #expect(result.status == 2)
            #expect(result.stderr.contains(fixture.profilesPath))
            #expect(result.stderr.contains("not valid JSON"))
        }
    }

    @Test("an unset secret variable names the variable and the JSON path (exit 2)")
    func unsetEnvironmentVariable() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth([
                "token", "--profiles", fixture.profilesPath, "--profile", "automation",
            ])
            #expect(result.status == 2)
            #expect(result.stderr.contains("CLI_TEST_SECRET"))
            #expect(result.stderr.contains("profiles.automation.clientSecret"))
        }
    }

    @Test("a refused client secret exits 3 with Box's error and a hint")
    func refused() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath, "--profile", "automation"],
                environment: ["CLI_TEST_SECRET": "not-the-secret"])
            #expect(result.status == 3)
            #expect(result.stderr.contains("invalid_client"))
            #expect(result.stderr.contains("client secret"))
            #expect(!result.stderr.contains("not-the-secret"))
        }
    }

    @Test("an unreachable token endpoint exits 4")
    func unreachable() async throws {
        try await EmulatorFixture.withCLI { fixture in
            // Nothing listens on the emulator's port once it has stopped.
            await fixture.emulator.stop()
            let result = try await ProductProcess.boxAuth([
                "token", "--profiles", fixture.profilesPath, "--profile", "service",
            ])
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stderr.contains("cannot reach"))
        }
    }
}
