@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("The broker policy in profiles.json")
struct BrokerPolicyTests {
    static func file(_ broker: String) throws -> ProfilesFile {
        let json = try JSONDocument.parse(
            Data(
                """
                {"profiles": {"service": {"provider": "jwt"}, "alice": {"provider": "jwt"}}, "broker": \(broker)}
                """.utf8), file: "/etc/box-auth/profiles.json")
        return try ProfilesFile(json: json, url: URL(fileURLWithPath: "/etc/box-auth/profiles.json"))
    }

    @Test("Clients by uid, gid (number or name) and token file, with profiles and a downscope")
    func parses() throws {
        let policy = try #require(
            try Self.file(
                """
                {"clients": [
                  {"name": "ci", "uid": 1001, "profiles": ["service"]},
                  {"name": "root-group", "gid": "root", "profiles": ["*"],
                   "downscope": {"scopes": ["item_preview", "item_download", "item_preview"], "resource": "https://api.box.com/2.0/folders/7"}},
                  {"name": "app", "tokenFile": "secrets/app.token", "profiles": ["alice", "service"]}
                ]}
                """
            ).brokerPolicy)
        #expect(policy.clients.map(\.name) == ["ci", "root-group", "app"])
        #expect(policy.clients[0].identity == .user(1001))
        #expect(policy.clients[0].allows("service") && !policy.clients[0].allows("alice"))
        #expect(policy.clients[1].identity == .group(0))
        #expect(policy.clients[1].profiles == nil)
        let downscope = try #require(policy.clients[1].downscope)
        #expect(downscope.scopes == ["item_download", "item_preview"])
        #expect(downscope.target == .resource(URL(string: "https://api.box.com/2.0/folders/7")!))
        #expect(policy.clients[2].identity == .tokenFile(URL(fileURLWithPath: "/etc/box-auth/secrets/app.token")))
    }

    @Test("A file without a broker object has no policy")
    func absent() throws {
        let json = try JSONDocument.parse(Data(#"{"profiles": {"service": {"provider": "jwt"}}}"#.utf8), file: "p.json")
        #expect(try ProfilesFile(json: json, url: URL(fileURLWithPath: "/p.json")).brokerPolicy == nil)
    }

    @Test(
        "Mistakes are errors naming the JSON path",
        arguments: [
            (#"{"client": []}"#, "broker.client"),
            (#"{"clients": {}}"#, "broker.clients"),
            (#"{"clients": [{"uid": 1, "profiles": ["service"]}]}"#, "broker.clients[0].name"),
            (#"{"clients": [{"name": "a b", "uid": 1, "profiles": ["service"]}]}"#, "broker.clients[0].name"),
            (#"{"clients": [{"name": "a", "profiles": ["service"]}]}"#, "broker.clients[0]"),
            (#"{"clients": [{"name": "a", "uid": 1, "gid": 2, "profiles": ["service"]}]}"#, "broker.clients[0]"),
            (#"{"clients": [{"name": "a", "uid": -1, "profiles": ["service"]}]}"#, "broker.clients[0].uid"),
            (#"{"clients": [{"name": "a", "uid": "no-such-user-here", "profiles": ["service"]}]}"#, "broker.clients[0].uid"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": []}]}"#, "broker.clients[0].profiles"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": ["bob"]}]}"#, "broker.clients[0].profiles[0]"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": ["service"], "extra": true}]}"#, "broker.clients[0].extra"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": ["service"]}, {"name": "a", "uid": 2, "profiles": ["service"]}]}"#, "broker.clients[1].name"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": ["service"], "downscope": {"scopes": []}}]}"#, "broker.clients[0].downscope.scopes"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": ["service"], "downscope": {"scopes": ["x"], "resource": "ftp://x"}}]}"#, "broker.clients[0].downscope.resource"),
            (#"{"clients": [{"name": "a", "uid": 1, "profiles": ["service"], "downscope": {"scopes": ["x"], "resource": "https://a/b", "sharedLink": "s"}}]}"#, "broker.clients[0].downscope"),
        ] as [(String, String)])
    func mistakes(broker: String, path: String) throws {
        let error = #expect(throws: ConfigurationError.self) { _ = try Self.file(broker) }
        #expect(error?.jsonPath == path, "\(error.map { "\($0)" } ?? "")")
        #expect(error?.file == "/etc/box-auth/profiles.json")
    }

    @Test("A downscope is within another when its scopes are among the other's and it reaches the same item")
    func within() {
        let folder = URL(string: "https://api.box.com/2.0/folders/7")!
        let limit = BrokerDownscope(scopes: ["item_preview", "item_download"], target: .resource(folder))
        #expect(BrokerDownscope(scopes: ["item_preview"], target: .resource(folder)).isWithin(limit))
        #expect(!BrokerDownscope(scopes: ["item_preview"], target: .any).isWithin(limit))
        #expect(!BrokerDownscope(scopes: ["item_upload"], target: .resource(folder)).isWithin(limit))
        #expect(BrokerDownscope(scopes: ["item_upload"], target: .sharedLink("s")).isWithin(
            BrokerDownscope(scopes: ["item_upload", "item_preview"], target: .any)))
    }
}
