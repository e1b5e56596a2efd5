import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// `box-auth login --store keyring`, `"cache": "keyring"` and `logout`, as processes, against the
/// emulator and a real GNOME Keyring on a private bus (or one that never answers).
@Suite("box-auth and the OS keyring", .enabled(if: SecretServiceSession.shouldRun))
struct KeyringStoreTests {
    /// The keyring session's variables, and the sign-in profile's secret.
    static func environment(_ session: SecretServiceSession, _ fixture: EmulatorFixture) -> [String: String] {
        fixture.oauth2Environment(stateFolder: "state").merging(session.environment) { _, keyring in keyring }
    }

    /// `secret-tool search` of box-auth's items of `kind` in the session's keyring.
    static func items(_ session: SecretServiceSession, kind: String) async throws -> String {
        let result = try await ProductProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/secret-tool"),
            ["search", "--all", "service", "box-auth", "kind", kind], environment: session.environment)
        return result.stdout + result.stderr
    }

    @Test("login --store keyring: the pair is in the keyring, not on disk; token and logout find it there")
    func loginToKeyring() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        try await EmulatorFixture.withCLI { fixture in
            // A patient keyring: a secret-tool call on a busy machine may take more than the default 1 s.
            _ = try fixture.writeOAuth2Profile(extraSettings: #", "keyringTimeout": 60"#)
            let environment = Self.environment(session, fixture)
            let (login, _) = try await fixture.signIn(environment: environment, extraArguments: ["--store", "keyring"])
            #expect(login.status == 0, "\(login.stderr)")
            #expect(try await Self.items(session, kind: "token-pair").contains("label = box-auth sign-in"))

            // Only the lock file and the choice are on disk; neither holds a token.
            let state = session.folder.appendingPathComponent("state/box-auth")
            let files = try FileManager.default.contentsOfDirectory(atPath: state.path)
            #expect(!files.contains { $0.hasPrefix("oauth2-") && $0.hasSuffix(".json") }, "\(files)")
            #expect(files.contains { $0.hasPrefix("store-") })

            let token = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(token.status == 0, "\(token.stderr)")
            let value = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await fixture.currentUser(AccessToken(value: value, expiresAt: .distantFuture)).id
                == TestIdentity.userID)
            for file in files {
                let text = String(decoding: try Data(contentsOf: state.appendingPathComponent(file)), as: UTF8.self)
                #expect(!text.contains(value))
            }

            let logout = try await ProductProcess.boxAuth(
                ["logout", "--profiles", fixture.profilesPath], environment: environment)
            #expect(logout.status == 0, "\(logout.stderr)")
            #expect(logout.stdout.contains("Signed out of profile 'me'"))
            #expect(!(try await Self.items(session, kind: "token-pair")).contains("box-auth sign-in"))
            #expect(!(try FileManager.default.contentsOfDirectory(atPath: state.path)).contains { $0.hasPrefix("store-") })
            let after = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(after.status != 0)
        }
    }

    @Test("login --store keyring after a file sign-in moves it: the old pair file is deleted")
    func moveFromFile() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        try await EmulatorFixture.withCLI { fixture in
            // A patient keyring: a secret-tool call on a busy machine may take more than the default 1 s.
            _ = try fixture.writeOAuth2Profile(extraSettings: #", "keyringTimeout": 60"#)
            let environment = Self.environment(session, fixture)
            let first = try await fixture.signIn(environment: environment)
            #expect(first.result.status == 0, "\(first.result.stderr)")
            let state = session.folder.appendingPathComponent("state/box-auth")
            #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).contains { $0.hasPrefix("oauth2-") && $0.hasSuffix(".json") })

            let second = try await fixture.signIn(environment: environment, extraArguments: ["--store", "keyring"])
            #expect(second.result.status == 0, "\(second.result.stderr)")
            #expect(!(try FileManager.default.contentsOfDirectory(atPath: state.path)).contains { $0.hasPrefix("oauth2-") && $0.hasSuffix(".json") })

            let back = try await fixture.signIn(environment: environment, extraArguments: ["--store", "file"])
            #expect(back.result.status == 0, "\(back.result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).contains { $0.hasPrefix("oauth2-") && $0.hasSuffix(".json") })
            #expect(!(try await Self.items(session, kind: "token-pair")).contains("box-auth sign-in"))
        }
    }

    @Test("a keyring that never answers: login exits 4 before the browser, naming it and --store file")
    func hangingKeyring() async throws {
        let session = try await SecretServiceSession.start(hanging: true)
        defer { session.stop() }
        try await EmulatorFixture.withCLI { fixture in
            _ = try fixture.writeOAuth2Profile()
            let login = try await ProductProcess.boxAuth(
                ["login", "--profiles", fixture.profilesPath, "--no-browser", "--store", "keyring"],
                environment: Self.environment(session, fixture))
            #expect(login.status == 4, "\(login.stderr)")
            #expect(login.stderr.contains("the Secret Service (secret-tool) did not answer within 1 s"))
            #expect(login.stderr.contains("--store file"))
            #expect(!login.stderr.contains("/api/oauth2/authorize"), "no sign-in started")
        }
    }

    @Test("\"cache\": \"keyring\" on a client-credentials profile: processes share one token through the keyring")
    func cacheKeyring() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        try await EmulatorFixture.withCLI { fixture in
            try fixture.write(
                """
                { "profiles": { "service": { "provider": "jwt", "configFile": "box_config.json", "cache": "keyring",
                                             "keyringTimeout": 30, "cacheLockTimeout": 300,
                                             "baseURL": "\(fixture.baseURL.absoluteString)" } } }
                """, named: "profiles.json")
            let results = try await ProductProcess.boxAuthAtOnce(
                ["token", "--profiles", fixture.profilesPath], environments: Array(repeating: session.environment, count: 4))
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
            #expect(Set(results.map(\.stdout)).count == 1)
            #expect(await fixture.emulator.counters.tokenRequests == 1)
            #expect(try await Self.items(session, kind: "token").contains("label = box-auth access token"))
        }
    }

    @Test("--store keyring against a profile whose \"cache\" is file: exit 2, saying so")
    func storeAgainstCache() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let base = fixture.baseURL.absoluteString
            try fixture.write(
                """
                { "defaultProfile": "me", "profiles": { "me": { "provider": "oauth2", "clientID": "\(TestIdentity.clientID)",
                  "clientSecret": { "env": "CLI_TEST_SECRET" }, "baseURL": "\(base)", "cache": "file" } } }
                """, named: "profiles.json")
            let login = try await ProductProcess.boxAuth(
                ["login", "--profiles", fixture.profilesPath, "--no-browser", "--store", "keyring"],
                environment: fixture.oauth2Environment(stateFolder: "state"))
            #expect(login.status == 2, "\(login.stderr)")
            #expect(login.stderr.contains("profile 'me' keeps its tokens in 'file'"))
        }
    }

    @Test("a recorded choice that others may write is refused: token exits 2 naming it, and no file sign-in is used instead")
    func refusedChoice() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        try await EmulatorFixture.withCLI { fixture in
            _ = try fixture.writeOAuth2Profile(extraSettings: #", "keyringTimeout": 60"#)
            let environment = Self.environment(session, fixture)
            let login = try await fixture.signIn(environment: environment, extraArguments: ["--store", "keyring"])
            #expect(login.result.status == 0, "\(login.result.stderr)")
            let state = session.folder.appendingPathComponent("state/box-auth")
            let choice = try #require(
                try FileManager.default.contentsOfDirectory(atPath: state.path).first { $0.hasPrefix("store-") })
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o666], ofItemAtPath: state.appendingPathComponent(choice).path)
            let token = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(token.status == 2, "\(token.stderr)")
            #expect(token.stderr.contains(choice))
        }
    }
}
