import BoxAuth
@testable import BoxAuthKeyring
import BoxAuthTestSupport
import Foundation
import Testing

/// The token pair in a real keyring: nothing secret on disk, one refresh however many ask.
@Suite("KeyringTokenPairStore", .enabled(if: SecretServiceSession.shouldRun))
struct KeyringTokenPairStoreTests {
    static func pair(_ access: String, _ refresh: String) -> TokenPair {
        TokenPair(
            accessToken: AccessToken(value: access, expiresAt: Date().addingTimeInterval(3600)),
            refreshToken: Secret(refresh))
    }

    static func store(_ session: SecretServiceSession) -> KeyringTokenPairStore {
        var store = KeyringTokenPairStore(
            keyring: SecretServiceKeyring(environment: session.environment, timeout: .seconds(60)),
            key: ["https://api.box.com", "client", "me"],
            stateDirectory: session.folder.appendingPathComponent("state/box-auth"))
        store.lockTimeout = .seconds(300)
        return store
    }

    @Test("a stored pair reads back from the keyring; the state folder holds only the lock file")
    func roundTrip() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        let store = Self.store(session)
        #expect(try await store.load() == nil)
        try await store.update { _ in TokenPairUpdate((), change: .replace(Self.pair("at-1", "rt-secret-1"))) }
        let loaded = try #require(try await store.load())
        #expect(loaded.accessToken.value == "at-1")
        #expect(loaded.refreshToken.exposedValue == "rt-secret-1")

        let state = session.folder.appendingPathComponent("state/box-auth")
        let files = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(files == ["keyring-\(store.item.keyHash).lock"])
        for file in files {
            let text = try Data(contentsOf: state.appendingPathComponent(file))
            #expect(!String(decoding: text, as: UTF8.self).contains("rt-secret-1"))
        }

        try await store.update { _ in TokenPairUpdate((), change: .remove) }
        #expect(try await store.load() == nil)
    }

    @Test("eight holders refreshing at once: one refresh, every one sees the new pair")
    func oneRefresh() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        try await Self.store(session).update { _ in TokenPairUpdate((), change: .replace(Self.pair("at-0", "rt-0"))) }
        let refreshes = Counter()
        let seen = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    // A store of its own, as another process would have.
                    try await Self.store(session).update { current in
                        guard let current, current.refreshToken.exposedValue == "rt-0" else {
                            return TokenPairUpdate(current?.refreshToken.exposedValue ?? "", change: .keep)
                        }
                        await refreshes.increment()
                        return TokenPairUpdate("rt-1", change: .replace(Self.pair("at-1", "rt-1")))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(await refreshes.value == 1)
        #expect(seen.allSatisfy { $0 == "rt-1" })
    }

    @Test("a keyring that never answers fails update and load with the keyring's error; the body never runs")
    func hangingKeyring() async throws {
        let session = try await SecretServiceSession.start(hanging: true)
        defer { session.stop() }
        let store = KeyringTokenPairStore(
            keyring: SecretServiceKeyring(environment: session.environment, timeout: .milliseconds(500)),
            key: ["k"], stateDirectory: session.folder.appendingPathComponent("state/box-auth"))
        let ran = Counter()
        let error = try await #require(throws: KeyringError.self) {
            try await store.update { _ in
                await ran.increment()
                return TokenPairUpdate((), change: .replace(Self.pair("at", "rt")))
            }
        }
        #expect(error.isTimeout)
        #expect(await ran.value == 0)
        await #expect(throws: KeyringError.self) { try await store.load() }
        // No plain file took the pair's place.
        let state = session.folder.appendingPathComponent("state/box-auth")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).allSatisfy { $0.hasSuffix(".lock") })
    }
}

/// A count shared by concurrent tasks.
actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
