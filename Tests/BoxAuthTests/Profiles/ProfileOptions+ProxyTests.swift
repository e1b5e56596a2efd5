@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("ProfileOptions proxy")
struct ProfileOptionsProxyTests {
    func options(_ members: [String: JSONValue], environment: [String: String]) throws(ConfigurationError) -> ProfileOptions {
        try ProfileOptions(
            settings: ProfileSettings(
                profileName: "p", file: "/home/me/profiles.json", path: JSONPath("profiles", "p"), members: members,
                baseDirectory: URL(fileURLWithPath: "/home/me"), environment: environment))
    }

    let boxToken = URL(string: "https://api.box.com/oauth2/token")!

    @Test("without a proxy setting the environment's variables apply")
    func environment() throws {
        let options = try options(["provider": .string("jwt")], environment: ["HTTPS_PROXY": "http://env.proxy:3128"])
        #expect(options.proxy.proxy(for: boxToken)?.description == "http://env.proxy:3128")
    }

    @Test("the proxy setting (a secret) wins over HTTPS_PROXY for both schemes; NO_PROXY still applies")
    func setting() throws {
        let members: [String: JSONValue] = [
            "provider": .string("jwt"), "proxy": .object(["env": .string("BOX_PROXY_URL")]),
        ]
        let options = try options(
            members,
            environment: [
                "BOX_PROXY_URL": "http://me:pw-42@profile.proxy:8080", "HTTPS_PROXY": "http://env.proxy:3128",
                "NO_PROXY": "127.0.0.1",
            ])
        let server = try #require(options.proxy.proxy(for: boxToken))
        #expect(server.description == "http://profile.proxy:8080")
        #expect(server.password?.exposedValue == "pw-42")
        #expect(options.proxy.proxy(for: URL(string: "http://127.0.0.1:9000/oauth2/token")!) == nil)
        #expect(!"\(options)".contains("pw-42"))
    }

    @Test("a proxy setting that is not an http:// URL names its JSON path, never its value")
    func invalid() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try options(
                ["provider": .string("jwt"), "proxy": .string("socks5://me:pw-42@proxy:1080")], environment: [:])
        }
        #expect(error.jsonPath == "profiles.p.proxy")
        #expect(!error.description.contains("pw-42"))
    }
}

extension ProfileOptionsProxyTests {
    @Test("the proxy setting's {\"env\"} variable is a secret one: box-auth exec's child does not get it")
    func proxyVariableIsHidden() throws {
        let text = #"{ "profiles": { "service": { "provider": "stub", "proxy": { "env": "BOX_PROXY_URL" } } } }"#
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let file = try ProfilesFile(json: json, url: URL(fileURLWithPath: "/nonexistent/profiles.json"))
        let settings = try file.settings(for: "service", environment: [:])
        var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
        try registry.register(StubProviderFactory())
        #expect(registry.secretEnvironmentVariables(of: settings) == ["BOX_PROXY_URL"])
    }
}
