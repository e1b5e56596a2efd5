import BoxAuth
import Foundation
import Testing

@Suite("ConfigurationError texts")
struct ConfigurationErrorTests {
    static func isOneLine(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
        }
    }

    @Test(
        "paths are shown with control characters escaped",
        arguments: [
            ("/tmp/a\nb.txt", "/tmp/a\\nb.txt"), ("/tmp/\u{1B}[31mred", "/tmp/\\u{1B}[31mred"),
            ("/tmp/tab\there", "/tmp/tab\\there"),
            ("/tmp/plain name.txt", "/tmp/plain name.txt"),
        ])
    func escapedPaths(path: String, shown: String) {
        let errors: [ConfigurationError] = [
            .fileUnreadable(path, referencedFrom: "/p/profiles.json", jsonPath: "profiles.a.clientSecret"),
            .notRegularFile(
                path, kind: "a FIFO (named pipe)", referencedFrom: "/p/profiles.json", jsonPath: "profiles.a.keyFile"),
            .fileUnreadable(path),
            .invalidJSON(path, detail: "x"),
            .fileTooLarge(path, size: 2, limit: 1),
        ]
        for error in errors {
            #expect(Self.isOneLine(error.description), "\(error.description)")
            #expect(error.description.contains(shown), "\(error.description)")
        }
        #expect(ConfigurationError.fileUnreadable(path).message == "cannot read file '\(shown)'.")
    }

    @Test("notRegularFile names the path, what it is, where it is set, and what to do")
    func notRegularFile() {
        let error = ConfigurationError.notRegularFile(
            "/dev/zero", kind: "a character device", referencedFrom: "/p/profiles.json",
            jsonPath: "profiles.a.configFile")
        #expect(error.code == .notRegularFile)
        #expect(error.category == .configuration)
        #expect(
            error.description
                == "/p/profiles.json: profiles.a.configFile: '/dev/zero' is a character device, not a regular file. "
                + "Point the setting at a regular file holding the value (devices, FIFOs and folders are never read).")
    }
}
