import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

/// Providers fetch only when needed, counted by the emulator's token endpoint.
@Suite("Token caching against the emulator")
struct TokenCachingTests {
    /// A profile entry of each kind that fetches tokens.
    enum FetchingKind: String, CaseIterable, Sendable {
        case jwt, clientCredentials, userAccessToken

        func entry(_ workspace: EmulatorFixture) -> String {
            switch self {
            case .jwt:
                #"{"provider": "jwt", "configFile": "box_config.json"}"#
            case .clientCredentials:
                """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": {"file": "client_secret.txt"}, "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """
            case .userAccessToken:
                #"{"provider": "user-access-token", "userID": "33333", "configFile": "box_config.json"}"#
            }
        }
    }

    @Test("a second call returns the cached token without a new request", arguments: FetchingKind.allCases)
    func cached(kind: FetchingKind) async throws {
        try await EmulatorFixture.with { workspace in
            let provider = try workspace.profile(kind.entry(workspace)).provider
            let first = try await provider.accessToken()
            let second = try await provider.accessToken()
            #expect(second.value == first.value)
            #expect(await workspace.counters.tokenRequests == 1)
        }
    }

    @Test("invalidate(token) causes exactly one new request", arguments: FetchingKind.allCases)
    func invalidate(kind: FetchingKind) async throws {
        try await EmulatorFixture.with { workspace in
            let provider = try workspace.profile(kind.entry(workspace)).provider
            let first = try await provider.accessToken()
            await provider.invalidate(first)
            let second = try await provider.accessToken()
            #expect(second.value != first.value)
            #expect(await workspace.counters.tokenRequests == 2)

            let third = try await provider.accessToken()
            #expect(third.value == second.value)
            #expect(await workspace.counters.tokenRequests == 2)
            #expect(try await workspace.currentUser(second).id.isEmpty == false)
        }
    }

    @Test("invalidating a token that is no longer cached fetches nothing")
    func invalidateStale() async throws {
        try await EmulatorFixture.with { workspace in
            let provider = try workspace.profile(FetchingKind.jwt.entry(workspace)).provider
            let first = try await provider.accessToken()
            await provider.invalidate(first)
            let second = try await provider.accessToken()
            await provider.invalidate(first)
            #expect(try await provider.accessToken().value == second.value)
            #expect(await workspace.counters.tokenRequests == 2)
        }
    }

    @Test("200 concurrent calls on a cold provider share one token request", arguments: FetchingKind.allCases)
    func singleFlight(kind: FetchingKind) async throws {
        try await EmulatorFixture.with { workspace in
            let provider = try workspace.profile(kind.entry(workspace)).provider
            let values = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await provider.accessToken().value }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(values.count == 200)
            #expect(Set(values).count == 1)
            #expect(await workspace.counters.tokenRequests == 1)
            #expect(await workspace.counters.tokensIssued == 1)
        }
    }

    @Test("a token shorter-lived than the refresh margin is not refetched on every call")
    func shortLifetime() async throws {
        var configuration = BoxEmulator.Configuration()
        configuration.tokenLifetime = 100
        try await EmulatorFixture.with(configuration) { workspace in
            // refreshMargin 120 > lifetime 100: without the cap at half the lifetime, every call would fetch.
            let profile = try workspace.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "refreshMargin": 120}"#)
            #expect(profile.options.refreshMargin == 120)
            let first = try await profile.provider.accessToken()
            #expect(first.lifetime == 100)
            for _ in 0..<5 {
                #expect(try await profile.provider.accessToken().value == first.value)
            }
            #expect(await workspace.counters.tokenRequests == 1)
        }
    }

    @Test("the token's expiry follows the emulator's expires_in")
    func expiry() async throws {
        var configuration = BoxEmulator.Configuration()
        configuration.tokenLifetime = 1800
        try await EmulatorFixture.with(configuration) { workspace in
            let token = try await workspace.profile(FetchingKind.jwt.entry(workspace)).provider.accessToken()
            #expect(token.lifetime == 1800)
            #expect(token.tokenType == "bearer")
            #expect(token.restrictedTo.isEmpty)
            #expect(!"\(token)".contains(token.value))
        }
    }

    @Test("two providers of one profile do not share a cache")
    func separateProviders() async throws {
        try await EmulatorFixture.with { workspace in
            let file = try workspace.writeProfiles(["service": FetchingKind.jwt.entry(workspace)])
            let registry = AuthProviderRegistry.standard
            let one = try registry.profile("service", in: file, environment: [:], transport: workspace.transport)
            let two = try registry.profile("service", in: file, environment: [:], transport: workspace.transport)
            let a = try await one.provider.accessToken()
            let b = try await two.provider.accessToken()
            #expect(a.value != b.value)
            #expect(await workspace.counters.tokenRequests == 2)
        }
    }

    @Test("with \"cache\": \"file\", providers of one profile share one token", arguments: FetchingKind.allCases)
    func fileCache(kind: FetchingKind) async throws {
        try await EmulatorFixture.with { workspace in
            var entry =
                try JSONDecoder().decode(JSONValue.self, from: Data(kind.entry(workspace).utf8)).objectValue ?? [:]
            entry["cache"] = .string("file")
            let text = String(decoding: try JSONEncoder().encode(JSONValue.object(entry)), as: UTF8.self)
            let file = try workspace.writeProfiles(["shared": text])
            let environment = ["XDG_CACHE_HOME": workspace.folder.appendingPathComponent("cache").path]
            let registry = AuthProviderRegistry.standard
            let one = try registry.profile("shared", in: file, environment: environment, transport: workspace.transport)
            let two = try registry.profile("shared", in: file, environment: environment, transport: workspace.transport)
            let a = try await one.provider.accessToken()
            let b = try await two.provider.accessToken()
            #expect(a.value == b.value)
            #expect(await workspace.counters.tokenRequests == 1)

            let cacheFiles = try FileManager.default.contentsOfDirectory(
                atPath: workspace.folder.appendingPathComponent("cache/box-auth").path)
            #expect(cacheFiles.contains { $0.hasPrefix("token-") && $0.hasSuffix(".json") })

            // A token the API refused is dropped from the file too.
            await one.provider.invalidate(a)
            let c = try await two.provider.accessToken()
            #expect(c.value == a.value)  // two still holds it in memory
            let d = try await one.provider.accessToken()
            #expect(d.value != a.value)
            #expect(await workspace.counters.tokenRequests == 2)
        }
    }
}
