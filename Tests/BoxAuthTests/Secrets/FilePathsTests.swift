import BoxAuth
import Foundation
import Testing

@Suite("FilePaths")
struct FilePathsTests {
    let base = URL(fileURLWithPath: "/etc/box-auth", isDirectory: true)

    @Test(
        "relative paths resolve against the base folder",
        arguments: [
            ("config.json", "/etc/box-auth/config.json"),
            ("keys/private.pem", "/etc/box-auth/keys/private.pem"),
            ("./a.txt", "/etc/box-auth/a.txt"),
            ("../shared/a.txt", "/etc/shared/a.txt"),
        ])
    func relative(path: String, expected: String) {
        #expect(FilePaths.resolve(path, relativeTo: base).path == expected)
    }

    @Test("absolute paths stay as they are")
    func absolute() {
        #expect(FilePaths.resolve("/var/secrets/x", relativeTo: base).path == "/var/secrets/x")
    }

    @Test("~ and ~/ expand to the home folder")
    func tilde() {
        let home = FileManager.default.homeDirectoryForCurrentUser
        #expect(FilePaths.resolve("~", relativeTo: base).standardizedFileURL.path == home.standardizedFileURL.path)
        #expect(
            FilePaths.resolve("~/.box/config.json", relativeTo: base).path
                == home.appendingPathComponent(".box/config.json").path)
    }

    @Test("~user and names starting with ~ are not expanded")
    func tildeName() {
        #expect(FilePaths.resolve("~file", relativeTo: base).path == "/etc/box-auth/~file")
    }
}
