import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("RegularFileReader")
struct RegularFileReaderTests {
    @Test("reads a regular file whole")
    func regularFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("data.txt", String(repeating: "0123456789", count: 20_000))
        #expect(try RegularFileReader.contents(of: file).count == 200_000)
    }

    @Test("a symbolic link to a regular file is read")
    func symbolicLink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("target.txt", "linked")
        let link = directory.url.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(try RegularFileReader.contents(of: link) == Data("linked".utf8))
    }

    /// A path that is not a regular file, and how the error names it.
    struct Special: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let make: @Sendable (TemporaryDirectory) throws -> URL
        var testDescription: String { name }
    }

    static let specials = [
        Special(name: "a FIFO", kind: "is a FIFO (named pipe), not a regular file") {
            try FileModes.makeFIFO(at: $0.url.appendingPathComponent("pipe"))
        },
        Special(name: "/dev/zero", kind: "is a character device, not a regular file") { _ in
            URL(fileURLWithPath: "/dev/zero")
        },
        Special(name: "a folder", kind: "is a folder, not a regular file") { $0.url },
    ]

    @Test("a FIFO, a device or a folder is notRegularFile, without blocking or reading", arguments: specials)
    func notRegular(_ special: Special) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try special.make(directory)
        let error = try #require(throws: ConfigurationError.self) {
            try RegularFileReader.contents(of: url, referencedFrom: "/p/profiles.json", jsonPath: "profiles.a.keyFile")
        }
        #expect(error.code == .notRegularFile)
        #expect(error.category == .configuration)
        #expect(error.file == "/p/profiles.json")
        #expect(error.jsonPath == "profiles.a.keyFile")
        #expect(error.message == "'\(url.path)' \(special.kind).")
        #expect(error.hint?.contains("regular file") == true)
    }

    @Test("a missing file is fileUnreadable naming the path")
    func missing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("absent.json")
        let error = try #require(throws: ConfigurationError.self) { try RegularFileReader.contents(of: url) }
        #expect(error.code == .fileUnreadable)
        #expect(error.message.contains(url.path))
    }

    @Test("a file over the limit is fileTooLarge, located where it is named")
    func tooLarge() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write("big.txt", String(repeating: "x", count: 101))
        let unnamed = try #require(throws: ConfigurationError.self) {
            try RegularFileReader.contents(of: url, limit: 100)
        }
        #expect(unnamed.code == .fileTooLarge)
        #expect(unnamed.file == url.path)
        let named = try #require(throws: ConfigurationError.self) {
            try RegularFileReader.contents(
                of: url, limit: 100, referencedFrom: "/p/profiles.json", jsonPath: "profiles.a.b")
        }
        #expect(named.code == .fileTooLarge)
        #expect(named.file == "/p/profiles.json")
        #expect(named.message.contains(url.path))
        #expect(try RegularFileReader.contents(of: url, limit: 101).count == 101)
    }

    @Test("a profiles file that is a FIFO or a device is refused, not waited on")
    func profilesFileFIFO() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = try FileModes.makeFIFO(at: directory.url.appendingPathComponent("profiles.json"))
        for url in [fifo, URL(fileURLWithPath: "/dev/zero")] {
            let error = try #require(throws: ConfigurationError.self) { try ProfilesFile.load(contentsOf: url) }
            #expect(error.code == .notRegularFile)
            #expect(error.message.contains(url.path))
        }
    }
}
