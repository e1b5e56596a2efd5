import BoxAuth
import BoxAuthTestKit
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The mode under a permissive umask is checked in a child process (`TrustBoundaryTests`): a test
/// must not change this process's umask while other suites create files beside it.
@Suite("SecureFileWriter")
struct SecureFileWriterTests {
    @Test("a new file is 0600 and holds exactly the data")
    func newFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("config.json")
        try SecureFileWriter.write("{\"a\": 1}\n", to: url)
        #expect(try FileModes.mode(of: url) == 0o600)
        #expect(try Data(contentsOf: url) == Data("{\"a\": 1}\n".utf8))
    }

    @Test("an existing file is replaced: new contents, mode 0600, no temporary file left")
    func replaces() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write("token.json", String(repeating: "old", count: 1000))
        try FileModes.set(0o644, on: url)
        try SecureFileWriter.write(Data("new".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new")
        #expect(try FileModes.mode(of: url) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["token.json"])
    }

    @Test("a secret is written as its bytes")
    func secret() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("private_key.pem")
        try SecureFileWriter.write(Secret("-----BEGIN PRIVATE KEY-----\nü\n"), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "-----BEGIN PRIVATE KEY-----\nü\n")
        #expect(try FileModes.mode(of: url) == 0o600)
    }

    @Test("a symbolic link at the target is replaced by the file; what it pointed at is untouched")
    func symbolicLink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let elsewhere = try directory.write("elsewhere.txt", "keep")
        let url = directory.url.appendingPathComponent("config.json")
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
        try SecureFileWriter.write("written", to: url)
        #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "keep")
        #expect(try String(contentsOf: url, encoding: .utf8) == "written")
        let type = try FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
    }

    @Test("a folder that does not exist is a FileWriteError naming the file; nothing is created")
    func missingFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("absent/config.json")
        let error = try #require(throws: FileWriteError.self) { try SecureFileWriter.write("x", to: url) }
        #expect(error.file == url.path)
        #expect(error.errorNumber == ENOENT)
        #expect(error.description.contains(url.path))
        #expect(error.description.contains("Check that the folder exists"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test("a concurrent reader sees the old file or the new one, never a part")
    func concurrentReader() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("token.json")
        let size = 256 * 1024
        let versions = [
            Data(repeating: UInt8(ascii: "a"), count: size), Data(repeating: UInt8(ascii: "b"), count: size),
        ]
        try SecureFileWriter.write(versions[0], to: url)
        let writing = WritingFlag()

        let reader = Task.detached {
            var reads = 0
            var partial = 0
            // Reads at least a few times, and on until the writer is done.
            while writing.value.load(ordering: .acquiring) || reads < 5 {
                let data = try Data(contentsOf: url)
                if data != versions[0] && data != versions[1] { partial += 1 }
                reads += 1
            }
            return (reads, partial)
        }
        let writer = Task.detached {
            defer { writing.value.store(false, ordering: .releasing) }
            for round in 0..<200 { try SecureFileWriter.write(versions[round % 2], to: url) }
        }
        try await writer.value
        let (reads, partial) = try await reader.value
        #expect(reads >= 5)
        #expect(partial == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["token.json"])
    }
}

/// Whether the writer of ``SecureFileWriterTests/concurrentReader()`` is still writing.
private final class WritingFlag: Sendable {
    let value = Atomic(true)
}
