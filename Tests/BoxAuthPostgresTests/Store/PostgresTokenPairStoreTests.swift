import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Synchronization
import Testing

@Suite("PostgresTokenStore keeps OAuth 2.0 token pairs", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenPairStoreTests {
    static func pair(_ access: String, refresh: String, expiresIn: TimeInterval) -> TokenPair {
        TokenPair(
            accessToken: AccessToken(value: access, expiresAt: Date().addingTimeInterval(expiresIn)),
            refreshToken: Secret(refresh))
    }

    @Test("a pair stored on one machine is read on another")
    func signInOnOneMachine() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let first = try fixture.store()
        #expect(try await first.load() as TokenPair? == nil)
        try await first.update { _ in
            TokenPairUpdate((), change: .replace(Self.pair("access-1", refresh: "refresh-1", expiresIn: 3600)))
        }
        let read: TokenPair? = try await fixture.store().load()
        #expect(read?.accessToken.value == "access-1")
        #expect(read?.refreshToken.exposedValue == "refresh-1")
        let rows = try await fixture.database.column("SELECT encode(ciphertext, 'escape') FROM box_auth_tokens")
        #expect(rows.count == 1)
        #expect(!rows.joined().contains("refresh-1"))
    }

    @Test("4 machines × 4 callers after expiry refresh once, with the one refresh token")
    func oneRefreshForTheFleet() async throws {
        let fixture = try await PostgresStoreFixture.make()
        try await fixture.store().update { _ in
            TokenPairUpdate((), change: .replace(Self.pair("expired", refresh: "refresh-0", expiresIn: -10)))
        }
        let refreshes = RefreshLog()
        let stores = try (0..<4).map { _ in try fixture.store() }
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for store in stores {
                for _ in 0..<4 {
                    group.addTask {
                        try await store.update { pair in
                            guard let pair else { throw CancellationError() }
                            if pair.accessToken.expiresAt > Date() {
                                return TokenPairUpdate(pair.accessToken.value, change: .keep)
                            }
                            refreshes.append(pair.refreshToken.exposedValue)
                            let next = Self.pair("access-1", refresh: "refresh-1", expiresIn: 3600)
                            return TokenPairUpdate(next.accessToken.value, change: .replace(next))
                        }
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(refreshes.values == ["refresh-0"])
        #expect(Set(results) == ["access-1"])
        #expect(results.count == 16)
    }

    @Test("a body that throws leaves the pair as it was; remove deletes it")
    func throwingBodyAndRemove() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let store = try fixture.store()
        try await store.update { _ in
            TokenPairUpdate((), change: .replace(Self.pair("access-1", refresh: "refresh-1", expiresIn: 3600)))
        }
        await #expect(throws: CancellationError.self) {
            try await store.update { _ -> TokenPairUpdate<Void> in throw CancellationError() }
        }
        #expect(try await store.load() as TokenPair? != nil)
        try await store.update { _ in TokenPairUpdate((), change: .remove) }
        #expect(try await store.load() as TokenPair? == nil)
    }

    @Test(
        "keeps the TokenPairStore contracts (BoxAuthTesting)", arguments: TokenPairStoreConformance.Contract.allCases)
    func conformance(_ contract: TokenPairStoreConformance.Contract) async throws {
        let fixture = try await PostgresStoreFixture.make()
        try await TokenPairStoreConformance { name in try fixture.store(key: [name]) }.check(contract)
    }
}

/// The refresh tokens spent, in order (shared by the tasks of a test).
final class RefreshLog: Sendable {
    private let spent = Mutex<[String]>([])
    func append(_ token: String) { spent.withLock { $0.append(token) } }
    var values: [String] { spent.withLock { $0 } }
}
