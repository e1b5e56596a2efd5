import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `box-auth serve` as a process: signals (SIGTERM finishes the request in flight, SIGHUP reloads
/// and keeps the old file when the new one is broken) and the peer-credential check with a real
/// second user.
@Suite("box-auth serve")
struct ServeCommandTests {
    static let profiles = [
        "service": #"{"provider": "jwt", "configFile": "box_config.json"}"#,
        "alice": #"{"provider": "user-access-token", "userID": "33333", "configFile": "box_config.json"}"#,
    ]

    static func withBroker(
        profiles: [String: String] = profiles, arguments: [String] = [],
        _ body: (EmulatorFixture, RunningBroker) async throws -> Void
    ) async throws {
        try await EmulatorFixture.with(connection: .socket) { fixture in
            try fixture.writeProfiles(profiles)
            try await TemporaryDirectory.with { directory in
                let broker = try await RunningBroker.start(
                    profiles: fixture.profilesURL, socket: directory.url.appendingPathComponent("broker.sock"),
                    arguments: arguments)
                do {
                    try await body(fixture, broker)
                } catch {
                    await broker.stop()
                    throw error
                }
                await broker.stop()
            }
        }
    }

    static func token(_ broker: RunningBroker, _ profile: String = "service") async -> (status: Int, body: String)? {
        await RunningBroker.request("GET", "/v1/profiles/\(profile)/token", socket: broker.socket.path)
    }

    /// Waits for `condition`, an event the test cannot be told of otherwise, polling within a deadline.
    static func waitFor(_ what: String, _ condition: () async -> Bool) async throws {
        let end = ContinuousClock.now.advanced(by: .seconds(120))
        while ContinuousClock.now < end {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what)")
    }

    @Test("SIGTERM mid-request: the request is answered, then the broker removes its socket and exits 0")
    func sigtermFinishesRequests() async throws {
        try await Self.withBroker { fixture, broker in
            await fixture.emulator.injectFaults(.stall(answeringAfter: .seconds(1)))
            let inFlight = Task { await Self.token(broker) }
            try await Self.waitFor("the token request to reach the emulator") { await fixture.counters.tokenRequests == 1 }
            broker.process.send(signal: SIGTERM)
            let answer = await inFlight.value
            #expect(answer?.status == 200, "\(answer?.body ?? "no answer")")
            #expect(answer?.body.contains("access_token") == true)
            let result = await broker.process.result()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: broker.socket.path))
            for secret in try fixture.secrets { #expect(!result.output.contains(secret)) }
            if let token = answer?.body.split(separator: "\"").dropFirst(3).first {
                #expect(!result.output.contains(String(token)), "the token reached the output")
            }
        }
    }

    @Test("SIGHUP reloads profiles.json; a broken file is logged and the old one keeps serving")
    func sighupReload() async throws {
        try await Self.withBroker { fixture, broker in
            let first = try #require(await Self.token(broker))
            #expect(first.status == 200, "\(broker.process.stderr)")
            try fixture.write("{ broken", named: "profiles.json")
            broker.process.send(signal: SIGHUP)
            try await Self.waitFor("the failed reload to be logged") {
                broker.process.stderr.contains("profiles file not reloaded")
            }
            let kept = try #require(await Self.token(broker))
            #expect(kept.status == 200)
            // The same token (expires_in may have moved on by a second).
            #expect(kept.body.split(separator: "\"")[3] == first.body.split(separator: "\"")[3])
            var entries = Self.profiles
            entries["bob"] = #"{"provider": "jwt", "configFile": "box_config.json"}"#
            try fixture.writeProfiles(entries)
            broker.process.send(signal: SIGHUP)
            try await Self.waitFor("the reload") { broker.process.stderr.contains("profiles reloaded") }
            #expect(await RunningBroker.request("GET", "/v1/health", socket: broker.socket.path)?.body.contains(#""profiles":3"#) == true)
            #expect(await Self.token(broker, "bob")?.status == 200)
            // /metrics has the broker's counters and the core's (box-auth serve bootstraps Prometheus).
            let metrics = await RunningBroker.request("GET", "/metrics", socket: broker.socket.path)
            #expect(metrics?.status == 200)
            for name in ["box_auth_broker_requests_total", "box_auth_token_requests_total", "box_auth_cache_hits_total"] {
                #expect(metrics?.body.contains(name) == true, "\(name) is missing from /metrics")
            }
            // The unchanged profile kept its cached token.
            #expect(await Self.token(broker)?.body.contains(first.body.split(separator: "\"")[3]) == true)
        }
    }

    /// Runs curl as `nobody` (uid and gid 65534) against the broker's socket.
    static func curlAsNobody(_ socket: String, _ route: String) async throws -> String {
        let result = try await ProductProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"),
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", "curl", "-s", "-o", "/dev/null", "-w",
                "%{http_code}", "--unix-socket", socket, "-H", "Box-Auth-Broker: 1", "http://localhost\(route)",
            ])
        return result.stdout
    }

    static var canSwitchUser: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
    }

    @Test(
        "The socket's peer credentials decide: nobody is refused, until the policy names it",
        .enabled("needs root, setpriv and curl (CI runs as root)") { Self.canSwitchUser || ProcessInfo.processInfo.environment["CI"] != nil })
    func peerCredentials() async throws {
        // The socket is given to nobody's group, so that nobody can connect at all; its user decides.
        try await Self.withBroker(arguments: ["--socket-group", "65534"]) { _, broker in
            #expect(FileStatus(path: broker.socket.path)?.permissions == 0o660)
            #expect(await Self.token(broker)?.status == 200)
            let refused = try await Self.curlAsNobody(broker.socket.path, "/v1/profiles/service/token")
            #expect(refused == "403")
        }
        try await EmulatorFixture.with(connection: .socket) { fixture in
            var entries = Self.profiles
            entries["service"] = entries["service"]
            try fixture.writeProfiles(entries)
            let text = try String(contentsOf: fixture.profilesURL, encoding: .utf8)
            let policy = #""broker": {"clients": [{"name": "batch", "uid": 65534, "profiles": ["alice"]}]},"#
            try fixture.write("{" + policy + text.dropFirst(), named: "profiles.json")
            try await TemporaryDirectory.with { directory in
                let broker = try await RunningBroker.start(
                    profiles: fixture.profilesURL, socket: directory.url.appendingPathComponent("broker.sock"),
                    arguments: ["--socket-group", "65534"])
                let allowed = try await Self.curlAsNobody(broker.socket.path, "/v1/profiles/alice/token")
                let refused = try await Self.curlAsNobody(broker.socket.path, "/v1/profiles/service/token")
                // Audit lines reach stderr in batches (at most 50 ms late).
                try await Self.waitFor("the audit line") { broker.process.stderr.contains("client=batch") }
                let result = await broker.stop()
                #expect(allowed == "200", "\(result.stderr)")
                #expect(refused == "403")
                #expect(result.stderr.contains("client=batch"))
            }
        }
    }

    @Test("box-auth token with a broker profile gets the broker's token, over the socket and over TCP with the token file")
    func brokerProviderThroughTheBroker() async throws {
        try await Self.withBroker(arguments: ["--listen", "127.0.0.1:0"]) { fixture, broker in
            try await Self.waitFor("the TCP listener") { broker.process.stdout.contains("listening on http://") }
            let port = try #require(
                broker.process.stdout.split(separator: "\n").first { $0.hasPrefix("listening on http://") }?
                    .split(separator: ":").last.map(String.init))
            let served = try #require(await Self.token(broker, "alice"))
            let token = try #require(served.body.split(separator: "\"").dropFirst(3).first.map(String.init))
            let tokenFile = broker.socket.deletingLastPathComponent().appendingPathComponent("broker.token").path
            let client = try fixture.write(
                """
                {"profiles": {
                  "socket": {"provider": "broker", "profile": "alice", "socket": "\(broker.socket.path)"},
                  "tcp": {"provider": "broker", "profile": "alice", "url": "http://127.0.0.1:\(port)", "tokenFile": "\(tokenFile)"}
                }}
                """, named: "client-profiles.json")
            for profile in ["socket", "tcp"] {
                let result = try await ProductProcess.boxAuth(["token", "--profiles", client.path, "--profile", profile])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == token)
            }
            // Box was asked once: the clients got the broker's cached token.
            #expect(await fixture.counters.tokenRequests == 1)
        }
    }
}
