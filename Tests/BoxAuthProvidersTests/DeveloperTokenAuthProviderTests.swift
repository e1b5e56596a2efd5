import BoxAuth
import BoxAuthDeveloperToken
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing
import BoxAuthEmulator

@Suite("DeveloperTokenAuthProvider")
struct DeveloperTokenAuthProviderTests {
    @Test("after invalidate(token) every call throws DeveloperTokenError")
    func refusedAfterInvalidate() async throws {
        try await EmulatorFixture.with { workspace in
            let value = await workspace.emulator.issueDeveloperToken(userID: "33333")
            let provider = try workspace.profile(
                #"{"provider": "developer-token", "token": {"env": "BOX_DEVELOPER_TOKEN"}}"#,
                environment: ["BOX_DEVELOPER_TOKEN": value]
            ).provider
            let token = try await provider.accessToken()
            #expect(try await workspace.currentUser(token).id == "33333")

            await provider.invalidate(token)
            let error = try await #require(throws: DeveloperTokenError.self) { try await provider.accessToken() }
            #expect(error.category == .refused)
            #expect("\(error)".contains("Developer Console"))
            #expect(!"\(error)".contains(value))
            await #expect(throws: DeveloperTokenError.self) { try await provider.accessToken() }
            #expect(await workspace.counters.tokenRequests == 0)
        }
    }

    @Test("invalidating some other token leaves the developer token in use")
    func otherTokenIgnored() async throws {
        let provider = DeveloperTokenAuthProvider(token: Secret("dev-token-value"))
        await provider.invalidate(AccessToken(value: "another-token", expiresAt: Date().addingTimeInterval(60)))
        #expect(try await provider.accessToken().value == "dev-token-value")
        #expect(provider.kind == "developer-token")
    }

    @Test("an empty token is refused when the provider is built")
    func emptyToken() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "box-auth-dev-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"profiles": {"dev": {"provider": "developer-token", "token": ""}}}"#.utf8).write(to: folder)
        let file = try ProfilesFile.load(contentsOf: folder)
        let error = try #require(throws: ConfigurationError.self) {
            try AuthProviderRegistry.standard.profile("dev", in: file, environment: [:])
        }
        #expect(error.code == .invalidValue)
        #expect(error.jsonPath == "profiles.dev.token")
    }
}
