import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("PrivateFolder")
struct PrivateFolderTests {
    @Test("a missing folder is created 0700, with its parents")
    func created() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.url.appendingPathComponent("cache/box-auth")
        try PrivateFolder.create(folder, name: "the cache folder", hint: "Set XDG_CACHE_HOME.")
        #expect(try FileModes.mode(of: folder) == 0o700)
    }

    @Test("a folder of the user's with looser modes is tightened to 0700", arguments: [0o777, 0o755, 0o750, 0o1777])
    func tightened(mode: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.url.appendingPathComponent("box-auth")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try FileModes.set(mode, on: folder)
        try PrivateFolder.create(folder, name: "the cache folder", hint: "Set XDG_CACHE_HOME.")
        #expect(try FileModes.mode(of: folder) & 0o777 == 0o700)
    }

    @Test(
        "a folder another user made beforehand (0777, in a shared place) is never used",
        .enabled(if: OtherUser.isAvailable))
    func otherOwner() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.url.appendingPathComponent("box-auth")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try FileModes.set(0o777, on: folder)
        try OtherUser.giveAway(folder)
        let error = try #require(throws: ConfigurationError.self) {
            try PrivateFolder.create(folder, name: "the cache folder", hint: "Set XDG_CACHE_HOME.")
        }
        #expect(error.code == .unsafeFile)
        #expect(error.file == folder.path)
        #expect(error.message.contains("owned by uid \(OtherUser.uid)"))
        #expect(error.hint?.contains("rm -r \(folder.path)") == true)
        #expect(error.hint?.contains("set XDG_CACHE_HOME") == true)
        // Left as it was: not tightened, not taken over.
        #expect(try FileModes.mode(of: folder) & 0o777 == 0o777)
    }

    @Test("a file where the folder should be is an error, not used")
    func notAFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("box-auth", "x")
        #expect(throws: ConfigurationError.self) {
            try PrivateFolder.create(file, name: "the cache folder", hint: "Set XDG_CACHE_HOME.")
        }
    }
}
