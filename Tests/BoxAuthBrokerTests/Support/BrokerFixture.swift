@_spi(Plumbing) import BoxAuth
@testable import BoxAuthBroker
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Logging
import Prometheus
import Tracing

/// The broker's API in front of the emulator, in-process: requests go to ``BrokerAPI`` directly,
/// tokens come from the emulator through the fixture's transport.
struct BrokerFixture: Sendable {
    let emulator: EmulatorFixture
    let profiles: BrokerProfiles
    let api: BrokerAPI
    let log: TestLog
    let metrics: PrometheusCollectorRegistry

    /// The broker's own user, as a socket peer.
    static let owner = PeerCredentials(uid: FilePermissionCheck.currentUser, gid: 0)
    /// Another user on the machine, as a socket peer.
    static let stranger = PeerCredentials(uid: 4242, gid: 4343)

    /// The profiles every test gets: a service account and a user (with As-User).
    static let defaultProfiles = [
        "service": #"{"provider": "jwt", "configFile": "box_config.json"}"#,
        "alice": #"{"provider": "user-access-token", "userID": "33333", "configFile": "box_config.json", "asUser": "33333"}"#,
    ]

    static func with<Result>(
        profiles entries: [String: String] = defaultProfiles, policy: String? = nil,
        limits: TokenBroker.Limits = TokenBroker.Limits(), ownerSecret: String? = nil, tracer: (any Tracer)? = nil,
        _ body: (BrokerFixture) async throws -> Result, setUp: (EmulatorFixture) throws -> Void = { _ in }
    ) async throws -> Result {
        try await EmulatorFixture.with { emulator in
            try setUp(emulator)
            try writeProfiles(entries, policy: policy, in: emulator)
            let secret = try ownerSecret.map { text in
                try BearerSecret.read(emulator.write(text + "\n", named: "broker.token"))
            }
            let log = TestLog(label: "broker", level: .info)
            let url = emulator.profilesURL
            var registry = AuthProviderRegistry.standard
            registry.tracer = tracer
            let profiles = try BrokerProfiles(
                loadFile: { try ProfilesFile.load(contentsOf: url) }, registry: registry, environment: [:],
                transport: emulator.transport, logger: log.logger, ownerUID: owner.uid, ownerSecret: secret)
            let metrics = PrometheusCollectorRegistry()
            let api = BrokerAPI(
                profiles: profiles, limits: limits, metrics: BrokerMetrics(registry: metrics), logger: log.logger)
            return try await body(
                BrokerFixture(emulator: emulator, profiles: profiles, api: api, log: log, metrics: metrics))
        }
    }

    /// Writes `profiles.json` with `entries` and the `"broker"` object `policy` (JSON text).
    static func writeProfiles(_ entries: [String: String], policy: String?, in emulator: EmulatorFixture) throws {
        var members: [String] = []
        for (name, text) in entries.sorted(by: { $0.key < $1.key }) {
            var entry = text
            if !entry.contains("baseURL") {
                entry = "{\"baseURL\": \"\(emulator.baseURL.absoluteString)\", " + entry.dropFirst()
            }
            members.append("\"\(name)\": \(entry)")
        }
        let broker = policy.map { ", \"broker\": \($0)" } ?? ""
        try emulator.write(
            "{\"version\": 1, \"profiles\": {\(members.joined(separator: ", "))}\(broker)}", named: "profiles.json")
    }

    /// A request with the required header and a loopback Host.
    static func request(
        _ method: String, _ path: String, body: String? = nil, headers: [(String, String)] = [],
        listener: BrokerRequest.Listener = .socket, peer: PeerCredentials? = owner
    ) -> BrokerRequest {
        let base = [("box-auth-broker", "1"), ("host", "localhost")]
        return BrokerRequest(
            method: method, path: path, headers: (base + headers).map { (name: $0.0, value: $0.1) },
            body: Data((body ?? "").utf8), listener: listener, peer: listener == .socket ? peer : nil)
    }

    func send(_ request: BrokerRequest) async -> BrokerResponse { await api.respond(to: request) }

    func get(_ path: String, peer: PeerCredentials? = owner) async -> BrokerResponse {
        await send(Self.request("GET", path, peer: peer))
    }

    func post(_ path: String, _ body: String, peer: PeerCredentials? = owner) async -> BrokerResponse {
        await send(Self.request("POST", path, body: body, peer: peer))
    }

    var tokenRequests: Int {
        get async { await emulator.counters.tokenRequests }
    }
}

extension BrokerResponse {
    /// The body as a JSON object.
    var object: [String: JSONValue] {
        (try? JSONDecoder().decode(JSONValue.self, from: body).objectValue) ?? [:]
    }

    /// The `error` member of an error answer.
    var errorCode: String? { object["error"]?.stringValue }

    /// The `access_token` member of a token answer.
    var accessToken: String? { object["access_token"]?.stringValue }

    var text: String { String(decoding: body, as: UTF8.self) }
}
