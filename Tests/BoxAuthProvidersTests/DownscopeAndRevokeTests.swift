import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthURLSession
import Foundation
import Testing

@Suite("Downscoping and revoking against the emulator")
struct DownscopeAndRevokeTests {
    static let file = URL(string: "https://api.box.com/2.0/files/123")!

    /// Runs `body` with a sandbox and its profiles file, stopping the sandbox afterwards.
    static func withSandbox(_ body: (EmulatorSandbox, ProfilesFile) async throws -> Void) async throws {
        let sandbox = try await EmulatorSandbox.start()
        do {
            try await body(sandbox, try ProfilesFile.load(contentsOf: sandbox.profilesURL))
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    static func usersMe(_ token: AccessToken, sandbox: EmulatorSandbox) async throws -> Int {
        let response = try await URLSessionTransport().send(
            TransportRequest(
                method: "GET", url: sandbox.baseURL.appendingPathComponent("2.0/users/me"),
                headers: [("Authorization", "Bearer \(token.value)")]))
        return response.status
    }

    @Test(
        "a downscoped token carries only its scopes and item, and users/me still works",
        arguments: ["service", "automation", "alice", "bob"])
    func downscope(profileName: String) async throws {
        try await Self.withSandbox { sandbox, file in
            let profile = try AuthProviderRegistry.standard.profile(profileName, in: file, environment: [:])
            let token = try await profile.downscope(
                scopes: ["item_preview", "item_download"], target: .resource(Self.file))
            let full = try await profile.provider.accessToken()
            #expect(token.value != full.value)
            let scopes = token.restrictedTo.compactMap { $0.objectValue?["scope"]?.stringValue }
            #expect(scopes == ["item_preview", "item_download"])
            let object = token.restrictedTo.first?.objectValue?["object"]?.objectValue
            #expect(object?["type"] == .string("file"))
            #expect(object?["id"] == .string("123"))
            #expect(try await Self.usersMe(token, sandbox: sandbox) == 200)
            #expect(await sandbox.emulator.counters.tokensDownscoped == 1)
        }
    }

    @Test("a scope Box does not know, or one the token lacks, is refused with invalid_scope")
    func invalidScope() async throws {
        try await Self.withSandbox { sandbox, file in
            let profile = try AuthProviderRegistry.standard.profile("service", in: file, environment: [:])
            let unknown = try await #require(throws: TokenEndpointError.self) {
                try await profile.downscope(scopes: ["everything"])
            }
            #expect(unknown.boxError == "invalid_scope")
            #expect(unknown.category == .refused)
            let preview = try await profile.downscope(scopes: ["item_preview"])
            let wider = try await #require(throws: TokenEndpointError.self) {
                try await profile.tokenEndpoint().downscope(preview, scopes: ["item_download"])
            }
            #expect(wider.boxError == "invalid_scope")
        }
    }

    @Test(
        "a revoked token is refused afterwards, and the provider fetches a new one",
        arguments: ["service", "automation", "bob"])
    func revoke(profileName: String) async throws {
        try await Self.withSandbox { sandbox, file in
            let profile = try AuthProviderRegistry.standard.profile(profileName, in: file, environment: [:])
            let token = try await profile.provider.accessToken()
            #expect(try await Self.usersMe(token, sandbox: sandbox) == 200)
            try await profile.revokeToken()
            #expect(try await Self.usersMe(token, sandbox: sandbox) == 401)
            #expect(await sandbox.emulator.counters.tokensRevoked == 1)
            let refused = try await #require(throws: TokenEndpointError.self) {
                try await profile.tokenEndpoint().downscope(token, scopes: ["item_preview"])
            }
            #expect(refused.boxErrorDescription?.contains("subject_token") == true)
            let next = try await profile.provider.accessToken()
            #expect(next.value != token.value)
            #expect(try await Self.usersMe(next, sandbox: sandbox) == 200)
        }
    }

    @Test("revoking with a wrong client secret is refused; a developer token cannot be revoked here")
    func revokeRefusals() async throws {
        try await Self.withSandbox { sandbox, file in
            let profile = try AuthProviderRegistry.standard.profile("automation", in: file, environment: [:])
            let token = try await profile.provider.accessToken()
            let wrong = AppCredentials(clientID: sandbox.config.clientID, clientSecret: Secret("not-the-secret"))
            let error = try await #require(throws: TokenEndpointError.self) {
                try await profile.tokenEndpoint().revoke(token, credentials: wrong)
            }
            #expect(error.boxError == "invalid_client")
            #expect(!error.description.contains("not-the-secret"))
            #expect(try await Self.usersMe(token, sandbox: sandbox) == 200)

            let developer = try AuthProviderRegistry.standard.profile("dev", in: file, environment: [:])
            let notRevocable = try await #require(throws: ConfigurationError.self) { try await developer.revokeToken() }
            #expect(notRevocable.description.contains("developer-token"))
        }
    }
}
