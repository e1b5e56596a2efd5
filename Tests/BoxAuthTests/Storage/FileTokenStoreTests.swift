@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing
import InMemoryLogging
import Logging

@Suite("FileTokenStore")
struct FileTokenStoreTests {
    static let token = AccessToken(
        value: "cached-token", expiresAt: Date(timeIntervalSince1970: 2_000_000_000),
        receivedAt: Date(timeIntervalSince1970: 1_999_996_400))

    @Test("save writes a 0600 file through the atomic writer and load reads it back")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = FileTokenStore(directory: directory.url.appendingPathComponent("cache"), key: ["a", "b"])
        try store.save(Self.token)
        try store.save(Self.token)
        #expect(store.load()?.value == "cached-token")
        #expect(try FileModes.mode(of: store.url) == 0o600)
        #expect(try FileModes.mode(of: store.url.deletingLastPathComponent()) == 0o700)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: store.url.deletingLastPathComponent().path)
                == [store.url.lastPathComponent])
    }

    @Test("a FIFO in the cache file's place is ignored, not waited on, and replaced by save")
    func notRegular() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = FileTokenStore(directory: directory.url, key: ["fifo"])
        _ = try FileModes.makeFIFO(at: store.url)
        #expect(store.load() == nil)
        try store.save(Self.token)
        #expect(store.load()?.value == "cached-token")
    }
}

/// A stuck process holding the cache's lock, and cache files box-auth must not trust.
@Suite("FileTokenStore at its trust boundaries")
struct FileTokenStoreBoundaryTests {
    static func token(_ value: String) -> AccessToken {
        AccessToken(value: value, expiresAt: Date().addingTimeInterval(3600), receivedAt: Date())
    }

    @Test(
        "a process stuck holding the lock (flock --no-fork FILE sleep 1000) does not hold up the next: one warning, its own token"
    )
    func stuckHolder() async throws {
        try await TemporaryDirectory.with { directory in
            var store = FileTokenStore(directory: directory.url, key: ["stuck"])
            store.lockTimeout = .seconds(1)
            let holder = try await LockHolder.child(holding: store.url.appendingPathExtension("lock"))
            defer { holder.release() }
            let log = TestLog()
            let fetches = RunCount()
            let started = ContinuousClock.now
            let token = try await store.token(logger: log.logger, isFresh: { _ in true }) {
                fetches.add()
                return Self.token("own-token")
            }
            #expect(token.value == "own-token")
            #expect(fetches.count == 1)
            #expect(ContinuousClock.now - started < .seconds(30))
            let warnings = log.entries.filter { $0.level == .warning }
            #expect(warnings.count == 1)
            #expect(warnings.first.map { "\($0.message)" }?.contains("lock") == true)
        }
    }

    @Test("a cache file that is a symbolic link is refused under the lock, naming it")
    func linkedCacheFile() async throws {
        try await TemporaryDirectory.with { directory in
            let store = FileTokenStore(directory: directory.url, key: ["linked"])
            let elsewhere = try directory.write("planted.json", "{}")
            try FileManager.default.createSymbolicLink(at: store.url, withDestinationURL: elsewhere)
            let error = await #expect(throws: ConfigurationError.self) {
                try await store.token(logger: TestLog().logger, isFresh: { _ in true }) { Self.token("t") }
            }
            #expect(error?.file == store.url.path)
            #expect(store.load() == nil)
        }
    }

    @Test("a cache file others may write is refused: a token planted there is never used")
    func plantedCacheFile() async throws {
        try await TemporaryDirectory.with { directory in
            let store = FileTokenStore(directory: directory.url, key: ["planted"])
            try store.save(Self.token("planted-token"))
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: store.url.path)
            #expect(store.load() == nil)
            let error = await #expect(throws: ConfigurationError.self) {
                try await store.token(logger: TestLog().logger, isFresh: { _ in true }) { Self.token("t") }
            }
            #expect(error?.message.contains("666") == true)
        }
    }

    @Test("keeps the TokenStore contracts (BoxAuthTesting)", arguments: TokenStoreConformance.Contract.allCases)
    func conformance(_ contract: TokenStoreConformance.Contract) async throws {
        try await TemporaryDirectory.with { directory in
            try await TokenStoreConformance { name in FileTokenStore(directory: directory.url, key: [name]) }
                .check(contract)
        }
    }
}
