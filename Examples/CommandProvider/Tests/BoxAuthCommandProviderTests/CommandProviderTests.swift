import BoxAuth
import BoxAuthCommandProvider
import BoxAuthProviders
import BoxAuthTesting
import Foundation
import Testing

@Suite("the command provider, a custom provider registered next to the built-ins")
struct CommandProviderTests {
    /// A temporary folder with a profiles.json whose `command` profile runs `script`.
    struct Workspace {
        let folder: URL
        let file: ProfilesFile
        var runsLog: URL { folder.appendingPathComponent("runs.log") }

        init(script: String, extra: String = "") throws {
            try self.init(extra: extra) { _ in script }
        }

        init(extra: String = "", script makeScript: (URL) -> String) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "box-auth-command-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let script = makeScript(folder)
            let escaped = script.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            let json = """
                { "profiles": { "vault": { "provider": "command", "command": ["sh", "-c", "\(escaped)"] \(extra) } } }
                """
            let url = folder.appendingPathComponent("profiles.json")
            try Data(json.utf8).write(to: url)
            file = try ProfilesFile.load(contentsOf: url)
        }

        /// How many times the script ran (when it logs its runs in runs.log).
        func runs() -> Int {
            ((try? String(contentsOf: runsLog, encoding: .utf8)) ?? "").split(separator: "\n").count
        }

        func provider() throws -> any AuthProvider {
            var registry = AuthProviderRegistry.standard
            try registry.register(CommandProviderFactory())
            return try registry.profile("vault", in: file, environment: [:]).provider
        }
    }

    @Test("the program's token is returned and cached until it is due")
    func tokenFromProgram() async throws {
        let workspace = try Workspace { folder in
            "echo run >> '\(folder.path)/runs.log'; printf '%s' '{\"access_token\":\"tok-from-command-0123456789\",\"expires_in\":3600}'"
        }
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let provider = try workspace.provider()
        let first = try await provider.accessToken()
        let second = try await provider.accessToken()
        #expect(first.value == "tok-from-command-0123456789")
        #expect(second == first)
        #expect(provider.kind == "command")
        let runs = try String(contentsOf: workspace.runsLog, encoding: .utf8).split(separator: "\n").count
        #expect(runs == 1)
        await provider.invalidate(first)
        _ = try await provider.accessToken()
        #expect(try String(contentsOf: workspace.runsLog, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test("a non-zero exit is refused with the status, and stderr is not shown")
    func nonZeroExit() async throws {
        let workspace = try Workspace(script: "echo secret-on-stderr >&2; exit 3")
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let error = try await #require(throws: CommandProviderError.self) {
            try await workspace.provider().accessToken()
        }
        #expect(error.category == .refused)
        #expect(error.description.contains("status 3"))
        #expect(!error.description.contains("secret-on-stderr"))
    }

    @Test(
        "output that is not a token is a clear error",
        arguments: [
            "not json", "[1,2]", #"{"expires_in":3600}"#, #"{"access_token":"abc"}"#,
            #"{"access_token":"abc","expires_in":"soon"}"#,
        ])
    func badOutput(_ output: String) async throws {
        let workspace = try Workspace(script: "printf '%s' '\(output)'")
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let error = try await #require(throws: CommandProviderError.self) {
            try await workspace.provider().accessToken()
        }
        #expect(error.category == .configuration)
        #expect(error.description.contains("did not print a token"))
    }

    @Test("a program that runs past the profile's timeout is stopped")
    func timeout() async throws {
        let workspace = try Workspace(script: "sleep 30", extra: #", "timeout": 0.5"#)
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let error = try await #require(throws: CommandProviderError.self) {
            try await workspace.provider().accessToken()
        }
        #expect(error.category == .unavailable)
        #expect(error.description.contains("did not finish"))
    }

    @Test("its settings are checked like a built-in's: unknown keys and wrong types")
    func settingsAreChecked() throws {
        let typo = try Workspace(script: "true", extra: #", "comand": "x""#)
        defer { try? FileManager.default.removeItem(at: typo.folder) }
        let unknown = try #require(throws: ConfigurationError.self) { try typo.provider() }
        #expect(unknown.code == .unknownKey)
        #expect(unknown.jsonPath == "profiles.vault.comand")

        let url = typo.folder.appendingPathComponent("wrong.json")
        try Data(#"{"profiles": {"vault": {"provider": "command", "command": ["sh", 3]}}}"#.utf8).write(to: url)
        var registry = AuthProviderRegistry.standard
        try registry.register(CommandProviderFactory())
        let wrongType = try #require(throws: ConfigurationError.self) {
            try registry.profile("vault", in: try ProfilesFile.load(contentsOf: url), environment: [:])
        }
        #expect(wrongType.code == .wrongType)
        #expect(wrongType.jsonPath == "profiles.vault.command[1]")
    }

    @Test("the JSON Schema of a registry with the command kind describes its settings")
    func schema() throws {
        var registry = AuthProviderRegistry.standard
        try registry.register(CommandProviderFactory())
        let schema = ProfilesSchema.json(for: registry)
        #expect(schema.contains(#""const" : "command""#))
        #expect(schema.contains(#""minItems" : 1"#))
    }

    @Test(
        "keeps the AuthProvider contracts (BoxAuthTesting's conformance checks)",
        arguments: AuthProviderConformance.Contract.allCases)
    func conformance(_ contract: AuthProviderConformance.Contract) async throws {
        // Each run logs a line and prints a token numbered by the run: a new token per fetch.
        let workspace = try Workspace { folder in
            "echo run >> '\(folder.path)/runs.log'; n=$(wc -l < '\(folder.path)/runs.log' | tr -d ' '); printf '{\"access_token\":\"tok-from-command-%s\",\"expires_in\":3600}' \"$n\""
        }
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        try await AuthProviderConformance(fetches: { workspace.runs() }) { try workspace.provider() }.check(contract)
    }
}
