import Foundation
import BoxAuthTestSupport
import Testing

@Suite("box-auth profiles and providers")
struct ProfilesCommandTests {
    /// The repository's `profiles.schema.json`.
    static let committedSchema = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("profiles.schema.json")

    @Test("the committed schema is what `box-auth profiles schema` prints (the built-ins, the postgres and keyring stores)")
    func committedSchemaIsCurrent() async throws {
        let printed = try await ProductProcess.boxAuth(["profiles", "schema"])
        #expect(printed.status == 0)
        #expect(try String(contentsOf: Self.committedSchema, encoding: .utf8) == printed.stdout)
        #expect(printed.stdout.contains("cacheURL"))
    }

    @Test("list shows every profile with its provider and marks the default")
    func list() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(["profiles", "list", "--profiles", fixture.profilesPath])
            #expect(result.status == 0)
            #expect(result.stdout.contains("service"))
            #expect(result.stdout.contains("(default)"))
            #expect(result.stdout.contains("client-credentials"))
        }
    }

    @Test("show prints settings and secret sources, never secret values")
    func show() async throws {
        try await EmulatorFixture.withCLI { fixture in
            try fixture.write(
                """
                { "profiles": { "inline": { "provider": "client-credentials", "clientID": "abc",
                  "clientSecret": "\(TestIdentity.clientSecret)", "enterpriseID": "1234567" } } }
                """, named: "profiles.json")
            let result = try await ProductProcess.boxAuth([
                "profiles", "show", "inline", "--profiles", fixture.profilesPath,
            ])
            #expect(result.status == 0)
            #expect(result.stdout.contains("clientID: abc"))
            #expect(result.stdout.contains("clientSecret: <inline secret>"))
            #expect(!result.output.contains(TestIdentity.clientSecret))
        }
    }

    @Test("validate decrypts keys offline and reports every broken profile (exit 2)")
    func validate() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let good = try await ProductProcess.boxAuth(
                ["profiles", "validate", "--profiles", fixture.profilesPath], environment: ["CLI_TEST_SECRET": "x"])
            #expect(good.status == 0, "\(good.output)")
            #expect(good.stdout.contains("ok     service (jwt)"))
            try fixture.write(
                """
                { "profiles": {
                    "typo": { "provider": "jwt", "configFile": "box_config.json", "algoritm": "RS512" },
                    "nofile": { "provider": "jwt", "configFile": "missing.json" },
                    "fine": { "provider": "jwt", "configFile": "box_config.json" } } }
                """, named: "profiles.json")
            let bad = try await ProductProcess.boxAuth(["profiles", "validate", "--profiles", fixture.profilesPath])
            #expect(bad.status == 2)
            #expect(bad.stdout.contains("profiles.typo.algoritm"))
            #expect(bad.stdout.contains("Did you mean 'algorithm'"))
            #expect(bad.stdout.contains("missing.json"))
            #expect(bad.stdout.contains("ok     fine (jwt)"))
        }
    }

    @Test("files readable by others are named with the chmod that fixes them")
    func sharedFileWarning() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let config = fixture.folder.appendingPathComponent("box_config.json").path
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: fixture.profilesPath)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: config)
            let validate = try await ProductProcess.boxAuth(
                ["profiles", "validate", "--profiles", fixture.profilesPath], environment: ["CLI_TEST_SECRET": "x"])
            #expect(validate.stdout.contains("chmod 600 \(fixture.profilesPath)"))
            #expect(validate.stdout.contains("chmod 600 \(config)"))
            let token = try await ProductProcess.boxAuth([
                "token", "--profiles", fixture.profilesPath, "--profile", "service",
            ])
            #expect(token.status == 0)
            #expect(token.stderr.contains("chmod 600 \(config)"))
            // Printed once: the copy the library logs while resolving the profile is not printed again.
            #expect(token.stderr.components(separatedBy: "chmod 600 \(config)").count == 2, "\(token.stderr)")
            #expect(
                token.stderr.contains(
                    "warning: \(config) is readable by other users (mode 640); run `chmod 600 \(config)`.\n"))
            #expect(!token.stdout.contains("chmod"))
        }
    }

    @Test("providers lists the built-in kinds")
    func providers() async throws {
        let result = try await ProductProcess.boxAuth(["providers", "--describe"])
        #expect(result.status == 0)
        for kind in ["jwt", "client-credentials", "user-access-token", "developer-token"] {
            #expect(result.stdout.contains(kind))
        }
        #expect(result.stdout.contains("clientSecret"))
    }
}
