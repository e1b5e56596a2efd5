import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// `Examples/BrokerClients/python`: box-sdk-gen, authenticated by the adapter over `box-auth serve`'s
/// Unix socket, reaches the emulator as the broker's profile, and the Python process never holds
/// the app's key or secret.
@Suite("Python broker client (box-sdk-gen over box-auth serve)")
struct PythonBrokerClientTests {
    /// The profile the broker serves: a user access token through the JWT grant, so
    /// `/2.0/users/me` answers as that user.
    static let profile = "alice"

    /// Runs `body` with an emulator on a loopback socket, `profiles.json` holding ``profile``, and
    /// `box-auth serve` on a socket in a folder of its own; stops the broker afterwards.
    static func withBroker(
        _ body: (EmulatorFixture, RunningBroker, TemporaryDirectory) async throws -> Void
    ) async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            try fixture.writeProfiles([
                profile: #"{"provider": "user-access-token", "userID": "\#(TestIdentity.userID)", "grant": "jwt", "configFile": "box_config.json"}"#
            ])
            try await TemporaryDirectory.with { directory in
                let broker = try await RunningBroker.start(
                    profiles: fixture.profilesURL, socket: directory.url.appendingPathComponent("broker.sock"))
                do {
                    try await body(fixture, broker, directory)
                } catch {
                    await broker.stop()
                    throw error
                }
                let result = await broker.stop()
                for secret in try fixture.secrets {
                    #expect(!result.output.contains(secret), "box-auth serve printed a secret")
                }
            }
        }
    }

    /// The whole environment of the Python process: PATH, a HOME of its own and the API's base URL.
    static func environment(_ fixture: EmulatorFixture, home: URL) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
            "BOX_API_BASE_URL": fixture.baseURL.absoluteString,
        ]
    }

    /// What must never reach the Python process: the app's secrets and where its key and config lie.
    static func forbidden(_ fixture: EmulatorFixture) throws -> [String] {
        try fixture.secrets + [
            fixture.folder.path, EmulatorFixture.privateKeyFileName, EmulatorFixture.configFileName,
            EmulatorFixture.clientSecretFileName, fixture.profilesURL.path,
        ]
    }

    @Test(
        "whoami.py prints the profile's user, given only the socket path and the profile name",
        .enabled("needs BOX_AUTH_PYTHON, a Python with box-sdk-gen (always runs on CI)") {
            await BoxSDKPython.shouldRun()
        })
    func whoami() async throws {
        let python = try await BoxSDKPython.interpreter()
        try await Self.withBroker { fixture, broker, directory in
            let arguments = ["whoami.py", "--socket", broker.socket.path, "--profile", Self.profile]
            let environment = Self.environment(fixture, home: directory.url)
            for value in arguments + environment.map({ "\($0.key)=\($0.value)" }) {
                for forbidden in try Self.forbidden(fixture) {
                    #expect(!value.contains(forbidden), "the Python process was given '\(value)'")
                }
            }
            let result = try await BoxSDKPython.run(python, arguments, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            let printed = try JSONDecoder().decode([String: String].self, from: Data(result.stdout.utf8))
            #expect(printed["id"] == TestIdentity.userID)
            #expect(printed["login"] == "user-\(TestIdentity.userID)@example.com")
        }
    }

    /// Gets a token twice (the second from the adapter's cache), forces a new one with
    /// `refresh_token` (invalidate, then get), uses it, and prints what it saw, without tokens.
    static let refreshProbe = """
        import json, os, sys
        from box_sdk_gen import BaseUrls, BoxClient
        from box_auth_broker import BrokerAuth
        auth = BrokerAuth(profile=sys.argv[2], socket=sys.argv[1])
        first = auth.retrieve_token().access_token
        cached = auth.retrieve_token().access_token
        renewed = auth.refresh_token().access_token
        kept = auth.retrieve_token().access_token
        client = BoxClient(auth=auth).with_custom_base_urls(BaseUrls(base_url=os.environ["BOX_API_BASE_URL"]))
        print(json.dumps({"cached": first == cached, "changed": first != renewed, "kept": renewed == kept,
                          "user": client.users.get_user_me().id, "environment": sorted(os.environ)}))
        """

    @Test(
        "refresh_token after invalidation gets a new token from the broker, and it works",
        .enabled("needs BOX_AUTH_PYTHON, a Python with box-sdk-gen (always runs on CI)") {
            await BoxSDKPython.shouldRun()
        })
    func refreshAfterInvalidation() async throws {
        let python = try await BoxSDKPython.interpreter()
        try await Self.withBroker { fixture, broker, directory in
            let issuedBefore = await fixture.counters.tokensIssued
            let result = try await BoxSDKPython.run(
                python, ["-c", Self.refreshProbe, broker.socket.path, Self.profile],
                environment: Self.environment(fixture, home: directory.url))
            #expect(result.status == 0, "\(result.stderr)")
            struct Probe: Decodable {
                let cached: Bool
                let changed: Bool
                let kept: Bool
                let user: String
                let environment: [String]
            }
            let probe = try JSONDecoder().decode(Probe.self, from: Data(result.stdout.utf8))
            #expect(probe.cached, "the second retrieve_token came from the adapter's cache")
            #expect(probe.changed, "refresh_token returned the invalidated token")
            #expect(probe.kept, "the renewed token is cached")
            #expect(probe.user == TestIdentity.userID)
            #expect(Set(probe.environment).isSubset(of: ["PATH", "HOME", "BOX_API_BASE_URL", "LC_CTYPE"]))
            #expect(await fixture.counters.tokensIssued >= issuedBefore + 1)
        }
    }
}
