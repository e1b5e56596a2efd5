import BoxAuth
import BoxAuthBrokerClient
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("BrokerProviderFactory")
struct BrokerProviderFactoryTests {
    @Test("the standard registry knows 'broker', and building a socket profile sends nothing")
    func socketProfile() async throws {
        #expect(AuthProviderRegistry.standard.kinds.contains("broker"))
        try await BrokerProfile.with { profiles in
            let transport = UnreachableTransport()
            let resolved = try profiles.resolve(
                #"{"provider": "broker", "profile": "service", "socket": "/tmp/box-auth-broker.sock"}"#,
                transport: transport)
            #expect(resolved.kind == "broker")
            #expect(resolved.provider.kind == "broker")
            #expect(resolved.provider.subject == nil)
            #expect((resolved.provider as? BrokerAuthProvider)?.profile == "service")
            #expect(transport.attempts.isEmpty)
        }
    }

    /// An entry that is refused: the entry, the code, the JSON path's last key and words of the message.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let entry: String
        let code: ConfigurationError.Code
        let key: String
        let words: String
        var testDescription: String { "\(key): \(words)" }
    }

    static let refusals: [Refusal] = [
        Refusal(
            entry: #"{"provider": "broker", "profile": "service"}"#, code: .missingValue, key: "socket",
            words: "'socket' or 'url'"),
        Refusal(
            entry: #"{"provider": "broker", "socket": "/tmp/b.sock"}"#, code: .missingValue, key: "profile",
            words: "'profile'"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "", "socket": "/tmp/b.sock"}"#, code: .invalidValue,
            key: "profile", words: "is empty"),
        Refusal(
            entry:
                #"{"provider": "broker", "profile": "service", "socket": "/tmp/b.sock", "url": "http://127.0.0.1:8765", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "both set"),
        Refusal(
            entry:
                #"{"provider": "broker", "profile": "service", "url": "http://broker.example.com:8765", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "not on a loopback host"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "url": "http://10.0.0.1:8765", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "not on a loopback host"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "url": "https://127.0.0.1:8765", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "is not http"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "url": "http://127.0.0.1", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "has no port"),
        Refusal(
            entry:
                #"{"provider": "broker", "profile": "service", "url": "http://user:pw@127.0.0.1:8765", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "more than a scheme"),
        Refusal(
            entry:
                #"{"provider": "broker", "profile": "service", "url": "http://[::1]:8765/v1?x=1", "tokenFile": "t"}"#,
            code: .invalidValue, key: "url", words: "more than a scheme"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "url": "not a url"}"#,
            code: .invalidValue, key: "url", words: "not"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "url": "http://127.0.0.1:8765"}"#,
            code: .missingValue, key: "tokenFile", words: "'tokenFile'"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "socket": "/tmp/b.sock", "tokenFile": "t"}"#,
            code: .invalidValue, key: "tokenFile", words: "user ID"),
        Refusal(
            entry:
                #"{"provider": "broker", "profile": "service", "socket": "/tmp/\#(String(repeating: "s", count: 120)).sock"}"#,
            code: .invalidValue, key: "socket", words: "a Unix socket address holds at most"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "socket": 3}"#, code: .wrongType, key: "socket",
            words: "a string"),
        Refusal(
            entry: #"{"provider": "broker", "profile": "service", "sockets": "/tmp/b.sock"}"#,
            code: .unknownKey, key: "sockets", words: "Did you mean 'socket'?"),
    ]

    @Test("a wrong entry is refused with the file and the JSON path", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        try await BrokerProfile.with { profiles in
            let error = try #require(throws: ConfigurationError.self) { try profiles.resolve(refusal.entry) }
            #expect(error.code == refusal.code)
            #expect(error.file == profiles.profilesPath)
            #expect(error.jsonPath == "profiles.test.\(refusal.key)")
            #expect("\(error)".contains(profiles.profilesPath))
            #expect("\(error)".contains(refusal.words), "\(error)")
        }
    }

    @Test("'localhost', '127.0.0.1' and '[::1]' with a port are accepted, tokenFile relative to the profiles file")
    func loopbackURLs() async throws {
        try await BrokerProfile.with { profiles in
            try profiles.writeFile("secrets/web.token", "the-client-secret\n")
            for url in ["http://127.0.0.1:8765", "http://localhost:8765/", "http://[::1]:8765"] {
                let resolved = try profiles.resolve(
                    #"{"provider": "broker", "profile": "service", "url": "\#(url)", "tokenFile": "secrets/web.token"}"#
                )
                #expect(resolved.kind == "broker")
            }
        }
    }

    @Test("a token file other users can write is refused, one they can read draws a warning")
    func tokenFilePermissions() async throws {
        try await BrokerProfile.with { profiles in
            let entry =
                #"{"provider": "broker", "profile": "service", "url": "http://127.0.0.1:8765", "tokenFile": "web.token"}"#
            let path = try profiles.writeFile("web.token", "the-client-secret\n", mode: 0o666)
            let error = try #require(throws: ConfigurationError.self) { try profiles.resolve(entry) }
            #expect(error.code == .unsafeFile)
            #expect(error.file == profiles.profilesPath)
            #expect(error.jsonPath == "profiles.test.tokenFile")
            #expect("\(error)".contains("chmod 600"))
            #expect(!"\(error)".contains("the-client-secret"))

            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let resolved = try profiles.resolve(entry)
            let warning = try #require(resolved.warnings.first { $0.file.path == path })
            #expect(warning.jsonPath == "profiles.test.tokenFile")
        }
    }

    @Test("a missing, folder or empty token file is refused with its JSON path")
    func unusableTokenFiles() async throws {
        try await BrokerProfile.with { profiles in
            try profiles.writeFile("empty.token", "\n")
            try FileManager.default.createDirectory(
                at: profiles.folder.url.appendingPathComponent("folder.token"), withIntermediateDirectories: true)
            try profiles.writeFile("two-lines.token", "first\nsecond\n")
            let cases: [(String, ConfigurationError.Code)] = [
                ("missing.token", .fileUnreadable), ("folder.token", .notRegularFile), ("empty.token", .invalidValue),
                ("two-lines.token", .invalidValue),
            ]
            for (name, code) in cases {
                let error = try #require(throws: ConfigurationError.self) {
                    try profiles.resolve(
                        #"{"provider": "broker", "profile": "service", "url": "http://127.0.0.1:8765", "tokenFile": "\#(name)"}"#
                    )
                }
                #expect(error.code == code, "\(name): \(error)")
                #expect(error.jsonPath == "profiles.test.tokenFile", "\(name)")
                #expect(!"\(error)".contains("second"))
            }
        }
    }

    @Test("a relative socket path is relative to the profiles file's folder")
    func relativeSocket() async throws {
        try await BrokerProfile.with { profiles in
            let resolved = try profiles.resolve(
                #"{"provider": "broker", "profile": "service", "socket": "run/b.sock"}"#)
            let error = try await #require(throws: BrokerClientError.self) { try await resolved.accessToken() }
            #expect(error.isUnreachable)
            #expect("\(error)".contains(profiles.folder.url.appendingPathComponent("run/b.sock").path))
            #expect("\(error)".contains("box-auth serve"))
            #expect(error.category == .unavailable)
        }
    }
}
