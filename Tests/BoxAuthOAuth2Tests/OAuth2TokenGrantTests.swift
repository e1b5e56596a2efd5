import BoxAuth
import BoxAuthOAuth2
import BoxAuthTestSupport
import Foundation
import Testing

/// Refreshing a signed-in user's pair through a shared store: once, under the lock, never losing
/// the stored pair to a transient failure.
@Suite("OAuth2TokenGrant")
struct OAuth2TokenGrantTests {
    static func pair(_ access: String, _ refresh: String, expiresIn: TimeInterval) -> TokenPair {
        TokenPair(
            accessToken: AccessToken(
                value: access, expiresAt: Date().addingTimeInterval(expiresIn),
                receivedAt: Date().addingTimeInterval(-60)),
            refreshToken: Secret(refresh))
    }

    static func store(_ directory: TemporaryDirectory, _ pair: TokenPair?) async throws -> FileTokenPairStore {
        let store = FileTokenPairStore(directory: directory.url, key: ["test"])
        if let pair { try await store.update { _ in TokenPairUpdate((), change: .replace(pair)) } }
        return store
    }

    @Test("before any sign-in: notSignedIn, naming box-auth login --profile NAME, and no request")
    func notSignedIn() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in ScriptedTokenEndpoint.pair(access: "x", refresh: "y") }
            let grant = OAuth2TokenGrant(
                client: try endpoint.client(), store: try await Self.store(directory, nil), profile: "me")
            let error = await #expect(throws: OAuth2Error.self) { try await grant.fetchToken() }
            #expect(error?.code == .notSignedIn)
            #expect(error?.category == .configuration)
            #expect(error?.description.contains("box-auth login --profile me") == true)
            #expect(endpoint.received.isEmpty)
        }
    }

    @Test("a fresh stored token is used as it is")
    func freshStoredToken() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in ScriptedTokenEndpoint.pair(access: "x", refresh: "y") }
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: 3600))
            let grant = OAuth2TokenGrant(client: try endpoint.client(), store: store, profile: "me")
            #expect(try await grant.fetchToken().value == "at-1")
            #expect(endpoint.received.isEmpty)
        }
    }

    @Test("a due pair is refreshed with refresh_token, client_id and client_secret, and the new pair stored")
    func rotation() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in ScriptedTokenEndpoint.pair(access: "at-2", refresh: "rt-2") }
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: 10))
            let grant = OAuth2TokenGrant(client: try endpoint.client(), store: store, profile: "me")
            #expect(try await grant.fetchToken().value == "at-2")
            #expect(
                endpoint.received == [
                    [
                        "grant_type": "refresh_token", "refresh_token": "rt-1", "client_id": "client-1",
                        "client_secret": "app-secret",
                    ]
                ])
            let stored = try #require(try await store.load())
            #expect(stored.refreshToken.exposedValue == "rt-2")
            #expect(stored.accessToken.value == "at-2")
        }
    }

    @Test("invalid_grant with nothing newer stored: refreshRefused with Box's words, and the pair kept")
    func refused() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in
                ScriptedTokenEndpoint.refusal("invalid_grant", "Invalid refresh token")
            }
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: -5))
            let grant = OAuth2TokenGrant(client: try endpoint.client(), store: store, profile: "me")
            let error = await #expect(throws: OAuth2Error.self) { try await grant.fetchToken() }
            #expect(error?.code == .refreshRefused)
            #expect(error?.category == .refused)
            #expect(error?.description.contains("Invalid refresh token") == true)
            #expect(error?.description.contains("box-auth login --profile me") == true)
            #expect(error?.description.contains("rt-1") == false)
            #expect(endpoint.received.count == 1)
            #expect(try await store.load()?.refreshToken.exposedValue == "rt-1")
        }
    }

    @Test("invalid_grant after another writer stored a newer pair: the newer pair is used")
    func anotherWriterWon() async throws {
        try await TemporaryDirectory.with { directory in
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: -5))
            let endpoint = ScriptedTokenEndpoint { form in
                // Another machine, outside this store's lock, spent rt-1 first and stored its result.
                try? await store.update { _ in
                    TokenPairUpdate((), change: .replace(Self.pair("at-other", "rt-other", expiresIn: 3600)))
                }
                return ScriptedTokenEndpoint.refusal("invalid_grant", "Invalid refresh token")
            }
            let reader = FileTokenPairStore(directory: directory.url, key: ["test"])
            let grant = OAuth2TokenGrant(client: try endpoint.client(), store: ReadThrough(reader), profile: "me")
            #expect(try await grant.fetchToken().value == "at-other")
            #expect(endpoint.received.count == 1)
        }
    }

    @Test("a transient failure (500) never deletes the stored pair")
    func transientFailureKeepsPair() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in ScriptedTokenEndpoint.json(503, #"{"error":"unavailable"}"#) }
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: -5))
            let grant = OAuth2TokenGrant(client: try endpoint.client(), store: store, profile: "me")
            await #expect(throws: TokenEndpointError.self) { try await grant.fetchToken() }
            #expect(try await store.load()?.refreshToken.exposedValue == "rt-1")
        }
    }

    @Test("a token the API refused (401) is refreshed even though the store still calls it fresh")
    func refusedTokenIsRefreshed() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in ScriptedTokenEndpoint.pair(access: "at-2", refresh: "rt-2") }
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: 3600))
            let provider = OAuth2AuthProvider(client: try endpoint.client(), store: store, profile: "me")
            let first = try await provider.accessToken()
            #expect(first.value == "at-1")
            await provider.invalidate(first)
            #expect(try await provider.accessToken().value == "at-2")
            #expect(endpoint.received.count == 1)
        }
    }

    @Test("concurrent callers of one provider make one refresh")
    func singleFlight() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { _ in ScriptedTokenEndpoint.pair(access: "at-2", refresh: "rt-2") }
            let store = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: -5))
            let provider = OAuth2AuthProvider(client: try endpoint.client(), store: store, profile: "me")
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<32 { group.addTask { try await provider.accessToken().value } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens == ["at-2"])
            #expect(endpoint.received.count == 1)
        }
    }

    @Test("two providers (two processes' worth) over one store file make one refresh between them")
    func sharedStoreSingleRefresh() async throws {
        try await TemporaryDirectory.with { directory in
            let endpoint = ScriptedTokenEndpoint { form in
                form["refresh_token"] == "rt-1"
                    ? ScriptedTokenEndpoint.pair(access: "at-2", refresh: "rt-2")
                    : ScriptedTokenEndpoint.refusal("invalid_grant", "Invalid refresh token")
            }
            _ = try await Self.store(directory, Self.pair("at-1", "rt-1", expiresIn: -5))
            let providers = try (0..<8).map { _ in
                OAuth2AuthProvider(
                    client: try endpoint.client(), store: FileTokenPairStore(directory: directory.url, key: ["test"]),
                    profile: "me")
            }
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for provider in providers { group.addTask { try await provider.accessToken().value } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens == ["at-2"])
            #expect(endpoint.received.count == 1)
        }
    }
}

/// A store whose lock-free read is the file store's, and whose update re-reads nothing itself:
/// lets a test change the file between the grant's read and its refresh.
private struct ReadThrough: TokenPairStore {
    let base: FileTokenPairStore
    init(_ base: FileTokenPairStore) { self.base = base }
    func load() async throws -> TokenPair? { try await base.load() }
    func update<Result: Sendable>(_ body: (TokenPair?) async throws -> TokenPairUpdate<Result>) async throws -> Result {
        let current = try await base.load()
        let update = try await body(current)
        if case .replace(let pair) = update.change {
            try await base.update { _ in TokenPairUpdate((), change: .replace(pair)) }
        }
        return update.result
    }
}
