import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The OAuth 2.0 token pair kept in the state folder: 0600, atomic, under a cross-process lock.
@Suite("FileTokenPairStore")
struct FileTokenPairStoreTests {
    static func pair(_ access: String, _ refresh: String, expiresIn: TimeInterval = 3600) -> TokenPair {
        TokenPair(
            accessToken: AccessToken(value: access, expiresAt: Date().addingTimeInterval(expiresIn)),
            refreshToken: Secret(refresh))
    }

    @Test("a stored pair reads back; the file is 0600 in a 0700 folder")
    func roundTrip() async throws {
        try await TemporaryDirectory.with { directory in
            let folder = directory.url.appendingPathComponent("state/box-auth")
            let store = FileTokenPairStore(directory: folder, key: ["https://api.box.com", "client", "me"])
            #expect(try await store.load() == nil)
            try await store.update { _ in TokenPairUpdate((), change: .replace(Self.pair("at-1", "rt-1"))) }
            let loaded = try #require(try await store.load())
            #expect(loaded.accessToken.value == "at-1")
            #expect(loaded.refreshToken.exposedValue == "rt-1")
            let file = try FileManager.default.attributesOfItem(atPath: store.url.path)
            let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)
            #expect((file[.posixPermissions] as? Int) == 0o600)
            #expect((folderMode[.posixPermissions] as? Int) == 0o700)
        }
    }

    @Test("a body that throws writes nothing: the stored pair stays")
    func throwingBodyKeepsPair() async throws {
        struct Refused: Error {}
        try await TemporaryDirectory.with { directory in
            let store = FileTokenPairStore(directory: directory.url, key: ["k"])
            try await store.update { _ in TokenPairUpdate((), change: .replace(Self.pair("at-1", "rt-1"))) }
            await #expect(throws: Refused.self) {
                try await store.update { _ -> TokenPairUpdate<Void> in throw Refused() }
            }
            #expect(try await store.load()?.refreshToken.exposedValue == "rt-1")
        }
    }

    @Test("remove deletes the pair; removing nothing is fine")
    func remove() async throws {
        try await TemporaryDirectory.with { directory in
            let store = FileTokenPairStore(directory: directory.url, key: ["k"])
            try await store.update { _ in TokenPairUpdate((), change: .replace(Self.pair("at-1", "rt-1"))) }
            try await store.update { _ in TokenPairUpdate((), change: .remove) }
            #expect(try await store.load() == nil)
            #expect(!FileManager.default.fileExists(atPath: store.url.path))
            try await store.update { _ in TokenPairUpdate((), change: .remove) }
        }
    }

    @Test("a corrupted or foreign file reads as no pair")
    func corrupted() async throws {
        try await TemporaryDirectory.with { directory in
            let store = FileTokenPairStore(directory: directory.url, key: ["k"])
            for contents in ["not json", #"{"format":"other"}"#, #"{"format":"box-auth-token-pair/1"}"#] {
                try Data(contents.utf8).write(to: store.url)
                #expect(try await store.load() == nil)
            }
        }
    }

    @Test("updates from many tasks run one at a time: each sees the pair the previous one wrote")
    func updatesAreSerialised() async throws {
        try await TemporaryDirectory.with { directory in
            let store = FileTokenPairStore(directory: directory.url, key: ["k"])
            try await store.update { _ in TokenPairUpdate((), change: .replace(Self.pair("at-0", "0"))) }
            await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        // A second handle on the same files, as another process would have.
                        var other = FileTokenPairStore(directory: directory.url, key: ["k"])
                        other.lockTimeout = .seconds(600)  // this test is about order, not deadlines
                        try await other.update { current in
                            let count = Int(current?.refreshToken.exposedValue ?? "") ?? -1000
                            await Task.yield()
                            return TokenPairUpdate((), change: .replace(Self.pair("at", String(count + 1))))
                        }
                    }
                }
            }
            #expect(try await store.load()?.refreshToken.exposedValue == "24")
        }
    }

    @Test("XDG_STATE_HOME, else ~/.local/state")
    func defaultDirectory() {
        #expect(
            FileTokenPairStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/srv/state"]).path
                == "/srv/state/box-auth")
        #expect(
            FileTokenPairStore.defaultDirectory(environment: ["HOME": "/home/ann"]).path
                == "/home/ann/.local/state/box-auth")
    }

    @Test("printing a pair shows neither token")
    func redaction() {
        let pair = Self.pair("at-visible?", "rt-visible?")
        for text in [String(describing: pair), String(reflecting: pair), "\(pair)"] {
            #expect(!text.contains("at-visible?"))
            #expect(!text.contains("rt-visible?"))
        }
        var dumped = ""
        dump(pair, to: &dumped)
        #expect(!dumped.contains("rt-visible?"))
        #expect(!dumped.contains("at-visible?"))
    }

    @Test(
        "keeps the TokenPairStore contracts (BoxAuthTesting)", arguments: TokenPairStoreConformance.Contract.allCases)
    func conformance(_ contract: TokenPairStoreConformance.Contract) async throws {
        try await TemporaryDirectory.with { directory in
            try await TokenPairStoreConformance { name in FileTokenPairStore(directory: directory.url, key: [name]) }
                .check(contract)
        }
    }
}

/// The pair store's lock has a deadline too, but no fallback: a refresh token is never spent twice.
@Suite("FileTokenPairStore at its trust boundaries")
struct FileTokenPairStoreBoundaryTests {
    @Test("a process stuck holding the lock makes update fail within the timeout with an unavailable error (exit 4)")
    func stuckHolder() async throws {
        try await TemporaryDirectory.with { directory in
            var store = FileTokenPairStore(directory: directory.url, key: ["stuck"])
            store.lockTimeout = .seconds(1)
            let holder = try await LockHolder.child(holding: store.url.appendingPathExtension("lock"))
            defer { holder.release() }
            let ran = RunCount()
            let error = await #expect(throws: TokenStoreError.self) {
                try await store.update { _ -> TokenPairUpdate<Void> in
                    ran.add()
                    return TokenPairUpdate((), change: .keep)
                }
            }
            #expect(error?.category == .unavailable)
            #expect(error?.description.contains("cacheLockTimeout") == true)
            #expect(ran.count == 0)
        }
    }

    @Test("a pair file owned by another user (nobody) is refused", .enabled(if: OtherUser.isAvailable))
    func otherOwner() async throws {
        try await TemporaryDirectory.with { directory in
            let store = FileTokenPairStore(directory: directory.url, key: ["theirs"])
            try await store.update { _ in
                TokenPairUpdate((), change: .replace(FileTokenPairStoreTests.pair("at-1", "rt-1")))
            }
            try OtherUser.giveAway(store.url)
            let error = await #expect(throws: ConfigurationError.self) { try await store.load() }
            #expect(error?.message.contains("nobody") == true)
        }
    }
}
