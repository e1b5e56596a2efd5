import BoxAuth
@testable import BoxAuthKeyring
import BoxAuthTestSupport
import Foundation
import Testing

/// `secret-tool` against a real GNOME Keyring on a private bus, a keyring that never answers, and a
/// stand-in `secret-tool` that records what it was given.
@Suite("SecretServiceKeyring")
struct SecretServiceKeyringTests {
    /// Generous: a call on a busy machine may be slow; the deadline under test is the hanging one's.
    static let patient = Duration.seconds(60)

    @Test(
        "write, read back, replace, delete; a missing item reads as nil",
        .enabled(if: SecretServiceSession.shouldRun))
    func roundTrip() async throws {
        let session = try await SecretServiceSession.start()
        defer { session.stop() }
        let keyring = SecretServiceKeyring(environment: session.environment, timeout: Self.patient)
        let item = KeyringItem(kind: .tokenPair, key: ["https://api.box.com", "client", "me"])
        let other = KeyringItem(kind: .token, key: ["https://api.box.com", "client", "me"])

        #expect(try await keyring.read(item) == nil)
        try await keyring.write(Data(#"{"a":"first"}"#.utf8), to: item)
        #expect(try await keyring.read(item) == Data(#"{"a":"first"}"#.utf8))
        try await keyring.write(Data(#"{"a":"second"}"#.utf8), to: item)
        #expect(try await keyring.read(item) == Data(#"{"a":"second"}"#.utf8))
        #expect(try await keyring.read(other) == nil, "items of another kind are apart")
        try await keyring.delete(item)
        #expect(try await keyring.read(item) == nil)
        try await keyring.delete(item)
    }

    @Test(
        "a keyring that never answers: a timeout error naming it and the file choice, the call returns",
        .enabled(if: SecretServiceSession.shouldRun))
    func hangingKeyring() async throws {
        let session = try await SecretServiceSession.start(hanging: true)
        defer { session.stop() }
        let keyring = SecretServiceKeyring(environment: session.environment, timeout: .seconds(1))
        let item = KeyringItem(kind: .tokenPair, key: ["k"])
        for call in [
            { () async throws -> Void in _ = try await keyring.read(item) },
            { () async throws -> Void in try await keyring.write(Data("secret-value".utf8), to: item) },
        ] {
            let error = try await #require(throws: KeyringError.self) { try await call() }
            #expect(error.isTimeout)
            #expect(error.category == .unavailable)
            #expect(error.description.contains("the Secret Service (secret-tool) did not answer within 1 s"))
            #expect(error.description.contains("box-auth login --store file"))
            #expect(error.description.contains("\"cache\": \"file\""))
            #expect(!error.description.contains("secret-value"))
        }
    }

    @Test(
        "a bus that is not there: an error naming the keyring and what secret-tool said, not a wait",
        .enabled(if: SecretServiceSession.shouldRun))
    func noBus() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let keyring = SecretServiceKeyring(
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "DBUS_SESSION_BUS_ADDRESS": "unix:path=\(folder.url.path)/no-bus",
            ], timeout: Self.patient)
        let error = try await #require(throws: KeyringError.self) {
            _ = try await keyring.read(KeyringItem(kind: .token, key: ["k"]))
        }
        #expect(!error.isTimeout)
        #expect(error.category == .unavailable)
        #expect(error.description.hasPrefix("the Secret Service (secret-tool) could not be used: secret-tool exited"))
    }

    @Test("no secret-tool on the PATH: a configuration error saying what to install")
    func toolMissing() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let keyring = SecretServiceKeyring(environment: ["PATH": folder.url.path], timeout: Self.patient)
        let error = try await #require(throws: KeyringError.self) {
            _ = try await keyring.read(KeyringItem(kind: .token, key: ["k"]))
        }
        #expect(error.category == .configuration)
        #expect(error.description.contains("apt-get install libsecret-tools"))
    }

    @Test("the secret goes in on standard input, never in arguments; secret-tool's environment is only the bus's")
    func secretNeverInArguments() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // A stand-in secret-tool that records its arguments, environment and standard input.
        let record = folder.url.appendingPathComponent("record")
        let tool = try folder.write(
            "bin/secret-tool",
            """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(record.path).args'
            env > '\(record.path).env'
            cat > '\(record.path).stdin'
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        let keyring = SecretServiceKeyring(
            environment: [
                "PATH": tool.deletingLastPathComponent().path + ":/usr/bin:/bin", "HOME": folder.url.path,
                "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere", "BOX_AUTH_CLIENT_SECRET": "client-secret-value",
                "AWS_SECRET_ACCESS_KEY": "other-secret",
            ], timeout: Self.patient)
        let item = KeyringItem(kind: .tokenPair, key: ["https://api.box.com", "client", "me"])
        try await keyring.write(Data("refresh-token-value".utf8), to: item)

        let arguments = try String(contentsOf: record.appendingPathExtension("args"), encoding: .utf8)
        let environment = try String(contentsOf: record.appendingPathExtension("env"), encoding: .utf8)
        let input = try String(contentsOf: record.appendingPathExtension("stdin"), encoding: .utf8)
        #expect(input == "refresh-token-value")
        #expect(!arguments.contains("refresh-token-value"))
        #expect(arguments.split(separator: "\n").prefix(2) == ["store", "--label=\(item.label)"])
        #expect(arguments.contains("service\nbox-auth\nkind\ntoken-pair\nkey\n\(item.keyHash)"))
        #expect(!arguments.contains("api.box.com") && !arguments.contains("client\n"))
        #expect(environment.contains("DBUS_SESSION_BUS_ADDRESS=unix:path=/nowhere"))
        #expect(!environment.contains("client-secret-value") && !environment.contains("other-secret"))
    }
}
