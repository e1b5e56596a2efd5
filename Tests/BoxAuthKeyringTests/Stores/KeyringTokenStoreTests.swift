import BoxAuth
@testable import BoxAuthKeyring
import BoxAuthTestSupport
import Foundation
import InMemoryTracing
import Logging
import Testing
import Tracing

/// Access tokens in a real keyring, shared by the holders of the same key.
@Suite("KeyringTokenStore", .enabled(if: SecretServiceSession.shouldRun))
struct KeyringTokenStoreTests {
    static func store(_ session: SecretServiceSession, timeout: Duration = .seconds(60)) -> KeyringTokenStore {
        var store = KeyringTokenStore(
            keyring: SecretServiceKeyring(environment: session.environment, timeout: timeout),
            key: ["https://api.box.com", "client", "enterprise", "1"],
            lockDirectory: session.folder.appendingPathComponent("cache/box-auth"))
        store.lockTimeout = .seconds(300)
        return store
    }

    @Test("the first holder fetches and stores; a second holder reads it without fetching")
    func sharedToken() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        let fetches = Counter()
        let logger = Logger(label: "test")
        let fetch = { () async throws -> AccessToken in
            await fetches.increment()
            return AccessToken(value: "token-\(await fetches.value)", expiresAt: Date().addingTimeInterval(3600))
        }
        let first = try await Self.store(session).token(logger: logger, isFresh: { !$0.isExpired() }, fetch: fetch)
        let second = try await Self.store(session).token(logger: logger, isFresh: { !$0.isExpired() }, fetch: fetch)
        #expect(first.value == "token-1")
        #expect(second.value == "token-1")
        #expect(await fetches.value == 1)
        #expect(await Self.store(session).load()?.value == "token-1")
    }

    @Test("a keyring that never answers: the keyring's error, and no token fetched behind its back")
    func hangingKeyring() async throws {
        let session = try await SecretServiceSession.start(hanging: true)
        defer { session.stop() }
        let fetches = Counter()
        let error = try await #require(throws: KeyringError.self) {
            _ = try await Self.store(session, timeout: .milliseconds(500)).token(
                logger: Logger(label: "test"), isFresh: { _ in true },
                fetch: {
                    await fetches.increment()
                    return AccessToken(value: "t", expiresAt: .distantFuture)
                })
        }
        #expect(error.isTimeout)
        #expect(await fetches.value == 0)
    }

    @Test("spans: the first cache's box_auth.token has the keyring's lock event; a second cache is answered by the keyring")
    func spans() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        struct Fetcher: TokenFetcher {
            func fetchToken() async throws -> AccessToken {
                AccessToken(value: "keyring-span-token", expiresAt: Date().addingTimeInterval(3600))
            }
        }
        let tracer = InMemoryTracer()
        _ = try await TokenCache(fetcher: Fetcher(), store: Self.store(session), tracer: tracer).token()
        _ = try await TokenCache(fetcher: Fetcher(), store: Self.store(session), tracer: tracer).token()
        let spans = tracer.popFinishedSpans().named("box_auth.token")
        #expect(spans.map { $0.attributes.text("box_auth.tier") } == ["network", "keyring"])
        let event = try #require(spans.first?.events.first { $0.name == "box_auth.lock.acquired" })
        #expect(event.attributes.text("box_auth.store") == "keyring")
        #expect(spans.attributes(containing: ["keyring-span-token"]).isEmpty)
    }
}
