import BoxAuth
@testable import BoxAuthBroker
import BoxAuthTestSupport
import BoxAuthProviders
import Foundation
import Testing

@Suite("Broker access policy")
struct AccessPolicyTests {
    static let secret = String(repeating: "ab", count: 32)
    static let clientSecret = String(repeating: "cd", count: 32)

    @Test("Without a policy only the broker's own user may ask")
    func ownerOnly() async throws {
        try await BrokerFixture.with { broker in
            #expect(await broker.get("/v1/profiles/service/token").status == 200)
            let stranger = await broker.get("/v1/profiles/service/token", peer: BrokerFixture.stranger)
            #expect(stranger.status == 403)
            #expect(stranger.errorCode == "forbidden")
            #expect(stranger.text.contains("4242"))
            #expect(await broker.get("/v1/health", peer: nil).status == 403)
        }
    }

    @Test("A client named by uid gets its profiles and nothing else; one named by gid likewise")
    func namedClients() async throws {
        let policy = """
            {"clients": [
              {"name": "ci", "uid": 4242, "profiles": ["service"]},
              {"name": "staff", "gid": 5555, "profiles": ["*"]}
            ]}
            """
        try await BrokerFixture.with(policy: policy) { broker in
            #expect(await broker.get("/v1/profiles/service/token", peer: BrokerFixture.stranger).status == 200)
            let other = await broker.get("/v1/profiles/alice/token", peer: BrokerFixture.stranger)
            #expect(other.status == 403)
            #expect(other.text.contains("'ci'"))
            let member = PeerCredentials(uid: 7777, gid: 5555)
            #expect(await broker.get("/v1/profiles/alice/token", peer: member).status == 200)
            #expect(await broker.get("/v1/profiles/alice/token", peer: PeerCredentials(uid: 7777, gid: 1)).status == 403)
            // The owner may still use every profile.
            #expect(await broker.get("/v1/profiles/alice/token").status == 200)
            #expect(broker.log.metadata("client", ofMessage: "broker request").prefix(3) == ["ci", "ci", "staff"])
        }
    }

    @Test("A client's forced downscope applies to GET, and a wider POST is refused with 403")
    func forcedDownscope() async throws {
        let policy = """
            {"clients": [{"name": "viewer", "uid": 4242, "profiles": ["service"],
              "downscope": {"scopes": ["item_preview", "item_download"], "resource": "https://api.box.com/2.0/folders/7"}}]}
            """
        try await BrokerFixture.with(policy: policy) { broker in
            let peer = BrokerFixture.stranger
            let forced = await broker.get("/v1/profiles/service/token", peer: peer)
            #expect(forced.status == 200, "\(forced.text)")
            #expect(forced.object["restricted_to"]?.arrayValue?.isEmpty == false)
            let wider = await broker.post("/v1/profiles/service/token", #"{"scopes": ["item_upload"]}"#, peer: peer)
            #expect(wider.status == 403)
            let elsewhere = await broker.post(
                "/v1/profiles/service/token",
                #"{"scopes": ["item_preview"], "resource": "https://api.box.com/2.0/folders/8"}"#, peer: peer)
            #expect(elsewhere.status == 403)
            let narrower = await broker.post("/v1/profiles/service/token", #"{"scopes": ["item_preview"]}"#, peer: peer)
            #expect(narrower.status == 200)
            #expect(narrower.accessToken != forced.accessToken)
            // It cannot make the broker drop the profile's own token, which it never sees.
            let parent = try #require(await broker.get("/v1/profiles/service/token").accessToken)
            _ = await broker.post("/v1/profiles/service/invalidate", #"{"access_token": "\#(parent)"}"#, peer: peer)
            #expect(await broker.get("/v1/profiles/service/token").accessToken == parent)
        }
    }

    @Test("Over TCP the bearer secret is required: missing or wrong is 401; a client's own token file is that client")
    func bearerSecret() async throws {
        try await BrokerFixture.with(
            policy: #"{"clients": [{"name": "app", "tokenFile": "app.token", "profiles": ["alice"]}]}"#,
            ownerSecret: Self.secret
        ) { broker in
            func tcp(_ authorization: String?, profile: String = "service") async -> BrokerResponse {
                await broker.send(
                    BrokerFixture.request(
                        "GET", "/v1/profiles/\(profile)/token",
                        headers: authorization.map { [("authorization", $0)] } ?? [], listener: .tcp))
            }
            #expect(await tcp(nil).status == 401)
            #expect(await tcp("Bearer " + String(repeating: "ab", count: 31) + "ac").status == 401)
            #expect(await tcp("Bearer " + Self.secret + "x").status == 401)
            #expect(await tcp("Basic " + Self.secret).status == 401)
            #expect(await tcp("Bearer " + Self.secret).status == 200)
            #expect(await tcp("bearer " + Self.clientSecret, profile: "alice").status == 200)
            #expect(await tcp("Bearer " + Self.clientSecret, profile: "service").status == 403)
            let logged = broker.log.lines.joined()
            #expect(!logged.contains(Self.secret))
            #expect(!logged.contains(Self.clientSecret))
        } setUp: { emulator in
            try emulator.write(Self.clientSecret + "\n", named: "app.token")
        }
    }

    @Test("A client token file others can write is refused when the profiles file loads")
    func unsafeClientTokenFile() async throws {
        try await EmulatorFixture.with { emulator in
            let file = try emulator.write(Self.clientSecret, named: "app.token")
            chmod(file.path, 0o666)
            try BrokerFixture.writeProfiles(
                BrokerFixture.defaultProfiles,
                policy: #"{"clients": [{"name": "app", "tokenFile": "app.token", "profiles": ["alice"]}]}"#,
                in: emulator)
            let url = emulator.profilesURL
            #expect(throws: ConfigurationError.self) {
                try BrokerProfiles(
                    loadFile: { try ProfilesFile.load(contentsOf: url) }, registry: .standard, environment: [:],
                    transport: emulator.transport, logger: TestLog().logger, ownerUID: 0, ownerSecret: nil)
            }
        }
    }

    @Test("Each client may have only so many requests in flight: past it, 429, and the other clients go on")
    func concurrencyCap() async throws {
        let cap = ConcurrencyCap(limit: 2)
        let (entered, entry) = AsyncStream.makeStream(of: Void.self)
        let (gate, opening) = AsyncStream.makeStream(of: Void.self)
        let held = (0..<2).map { _ in
            Task {
                try await cap.run(for: "busy") {
                    entry.yield()
                    for await _ in gate { break }
                    return 1
                }
            }
        }
        var iterator = entered.makeAsyncIterator()
        _ = await iterator.next()
        _ = await iterator.next()
        await #expect(throws: BrokerFailure.tooManyRequests(limit: 2)) { try await cap.run(for: "busy") { 0 } }
        #expect(try await cap.run(for: "other") { 3 } == 3)
        opening.yield()
        opening.yield()
        opening.finish()
        for task in held { #expect(try await task.value == 1) }
        #expect(cap.count(for: "busy") == 0)
        #expect(try await cap.run(for: "busy") { 4 } == 4)
    }
}
