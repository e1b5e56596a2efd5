import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// Text from a server or a file reaches the terminal with its control characters escaped
/// (`Console`, the CLI's one way to print).
@Suite("Text from outside is printed with its control characters escaped")
struct TerminalEscapeTests {
    /// Clears the screen, rings the bell, starts a C1 CSI sequence, returns the carriage, and
    /// starts a fake line.
    static let hostile = "Eve\u{1B}[2J\u{07}\u{9B}31m\r\nbox-auth: signed in as admin\u{08}"

    static func expectEscaped(_ text: String, _ comment: Comment? = nil) {
        for control in ["\u{1B}", "\u{07}", "\u{9B}", "\r", "\u{08}"] {
            #expect(!text.contains(control), comment)
        }
    }

    @Test("a user name from /2.0/users/me with ESC sequences and C0/C1 controls is printed escaped by login")
    func userName() async throws {
        try await EmulatorFixture.withCLI { fixture in
            var app = try EmulatedApp(config: fixture.config, knownUserIDs: Set(TestIdentity.userNames.keys))
            app.userNames = [TestIdentity.otherUserID: Self.hostile]
            await fixture.emulator.register(app)
            let environment = try fixture.writeOAuth2Profile()
            let (result, _) = try await fixture.signIn(as: TestIdentity.otherUserID, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            Self.expectEscaped(result.output)
            #expect(result.stdout.contains(#"Signed in as Eve\u{1B}[2J\u{7}\u{9B}31m\r\nbox-auth: signed in as admin\u{8}"#))
            #expect(result.stdout.split(separator: "\n").count == 1, "\(result.stdout)")
        }
    }

    @Test("Box's error_description with ESC sequences is printed escaped")
    func errorDescription() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let body = try String(
                decoding: JSONEncoder().encode(
                    JSONValue.object([
                        "error": .string("invalid_client"), "error_description": .string(Self.hostile),
                    ])), as: UTF8.self)
            await fixture.emulator.injectFaults(
                .status(400, headers: [("Content-Type", "application/json")], body: body))
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath, "--profile", "automation"],
                environment: ["CLI_TEST_SECRET": TestIdentity.clientSecret])
            #expect(result.status == 3, "\(result.stderr)")
            Self.expectEscaped(result.output)
            #expect(result.stderr.contains(#"Eve\u{1B}[2J"#))
        }
    }

    @Test("a profile name and setting from profiles.json with ESC sequences are printed escaped")
    func fileText() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let name = "evil\u{1B}]0;owned\u{07}\u{9B}2J"
            let profiles = JSONValue.object([
                "profiles": .object([
                    name: .object([
                        "provider": .string("developer-token"), "token": .string("inline"),
                        "baseURL": .string(fixture.baseURL.absoluteString + "/\u{1B}[2J"),
                    ])
                ])
            ])
            try fixture.write(String(decoding: try JSONEncoder().encode(profiles), as: UTF8.self), named: "profiles.json")
            let list = try await ProductProcess.boxAuth(["profiles", "list", "--profiles", fixture.profilesPath])
            #expect(list.status == 0, "\(list.stderr)")
            Self.expectEscaped(list.output)
            #expect(list.stdout.contains(#"evil\u{1B}]0;owned\u{7}\u{9B}2J"#))
            let show = try await ProductProcess.boxAuth(["profiles", "show", "--profiles", fixture.profilesPath, name])
            #expect(show.status == 0, "\(show.stderr)")
            Self.expectEscaped(show.output)
            #expect(show.stdout.contains(#"/\u{1B}[2J"#))
        }
    }
}
