import BoxAuth
import BoxAuthTestSupport
import Foundation
import Testing

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
