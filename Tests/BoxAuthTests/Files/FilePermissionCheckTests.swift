import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("FilePermissionCheck")
struct FilePermissionCheckTests {
    @Test(
        "warns when group or others may read, with the chmod that fixes it",
        arguments: [(0o644, "readable"), (0o640, "readable"), (0o604, "readable"), (0o4644, "readable")])
    func shared(mode: Int, access: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("config.json", "{}")
        try FileModes.set(mode, on: file)
        let warning = try #require(FilePermissionCheck.warning(for: file))
        #expect(Int(warning.permissions) == mode)
        #expect(warning.fix == "chmod 600 \(file.path)")
        #expect(
            warning.description
                == "\(file.path) is \(access) by other users (mode \(String(mode, radix: 8))); run `chmod 600 \(file.path)`."
        )
    }

    @Test(
        "refuses, rather than warns about, a file that group or others may write (as ssh's StrictModes)",
        arguments: [0o666, 0o620, 0o602, 0o660, 0o622, 0o646])
    func sharedWrite(mode: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("config.json", "{}")
        try FileModes.set(mode, on: file)
        #expect(FilePermissionCheck.warning(for: file) == nil)
        let error = try #require(throws: ConfigurationError.self) { try FilePermissionCheck.requireOwnedByUser(file) }
        #expect(error.code == .unsafeFile)
        #expect(error.file == file.path)
        #expect(error.message.contains("writable by other users (mode \(String(mode, radix: 8)))"))
        #expect(error.hint == "Run `chmod 600 \(file.path)`.")
        // Reading it is refused too, on the open descriptor, before a byte is read.
        let readError = try #require(throws: ConfigurationError.self) {
            try RegularFileReader.contents(of: file, referencedFrom: "/p/profiles.json", jsonPath: "profiles.a.configFile")
        }
        #expect(readError.code == .unsafeFile)
        #expect(readError.file == "/p/profiles.json")
        #expect(readError.jsonPath == "profiles.a.configFile")
        #expect(readError.message.contains(file.path))
    }

    @Test("refuses a file another user owns; root's files are accepted", .enabled(if: OtherUser.isAvailable))
    func otherOwner() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("config.json", "{}")
        try FileModes.set(0o600, on: file)
        #expect(throws: Never.self) { try RegularFileReader.contents(of: file) }
        try OtherUser.giveAway(file)
        let error = try #require(throws: ConfigurationError.self) { try RegularFileReader.contents(of: file) }
        #expect(error.code == .unsafeFile)
        #expect(error.message.contains("owned by uid \(OtherUser.uid)"))
        #expect(FilePermissionCheck.warning(for: file) == nil)
    }

    @Test("no warning when only the owner may read and write", arguments: [0o600, 0o400, 0o200, 0o700, 0o711, 0o000])
    func ownerOnly(mode: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("config.json", "{}")
        try FileModes.set(mode, on: file)
        #expect(FilePermissionCheck.warning(for: file) == nil)
    }

    @Test("no warning for what is not a regular file: /dev/zero, a FIFO, a folder, a missing file")
    func notRegular() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = try FileModes.makeFIFO(at: directory.url.appendingPathComponent("pipe"))
        try FileModes.set(0o666, on: fifo)
        try FileModes.set(0o777, on: directory.url)
        for url in [
            URL(fileURLWithPath: "/dev/zero"), fifo, directory.url, directory.url.appendingPathComponent("absent"),
        ] {
            #expect(FilePermissionCheck.warning(for: url) == nil, "\(url.path)")
        }
    }

    @Test("a symbolic link is judged by the file it points at")
    func symbolicLink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("secret.txt", "s")
        let link = directory.url.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        try FileModes.set(0o600, on: file)
        #expect(FilePermissionCheck.warning(for: link) == nil)
        try FileModes.set(0o644, on: file)
        #expect(FilePermissionCheck.warning(for: link)?.file == link)
    }

    @Test("a path with a line break is shown escaped: the warning stays one line")
    func escapedPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("two\nlines.txt", "s")
        try FileModes.set(0o644, on: file)
        let warning = try #require(FilePermissionCheck.warning(for: file))
        #expect(!warning.description.contains("\n"))
        #expect(warning.description.contains("two\\nlines.txt"))
        #expect(warning.file == file)
    }
}
