@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Logging
import Testing

@Suite("The environment variables a profile's secrets are read from")
struct ProfileSettingsSecretEnvironmentTests {
    /// A shared store kind whose `cacheURL` is a secret, as PostgreSQL's is.
    struct SharedStoreFactory: TokenStoreFactory {
        let kind = "shared"
        let summary = "A shared store for tests."
        let settings = [ProviderSetting("cacheURL", .secret, summary: "The server's URL.")]
        let sharesAcrossMachines = true
        func makeStores(settings: ProfileSettings, options: ProfileOptions, logger: Logger) throws
            -> any ProfileTokenStores
        {
            throw settings.invalid("cacheURL", "not for building")
        }
    }

    static func registry() throws -> AuthProviderRegistry {
        var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
        try registry.register(StubProviderFactory())
        try registry.register(store: SharedStoreFactory())
        return registry
    }

    static func settings(_ entry: String) throws -> ProfileSettings {
        let text = #"{ "profiles": { "service": { "provider": "stub", \#(entry) } } }"#
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let file = try ProfilesFile(json: json, url: URL(fileURLWithPath: "/nonexistent/profiles.json"))
        return try file.settings(for: "service", environment: [:])
    }

    @Test("every {\"env\"} secret of the provider and of the store (cacheURL) is listed; nothing else")
    func secretsAndCacheURL() throws {
        let settings = try Self.settings(
            #"""
            "clientSecret": { "env": "APP_SECRET" }, "cache": "shared", "cacheURL": { "env": "CACHE_URL" },
            "clientID": "HOME", "enterpriseID": "PATH", "keyFile": "key.pem"
            """#)
        #expect(try Self.registry().secretEnvironmentVariables(of: settings) == ["APP_SECRET", "CACHE_URL"])
    }

    @Test("inline, file and command secrets read no environment variable")
    func otherShapes() throws {
        for secret in [#""inline""#, #"{ "file": "secret.txt" }"#, #"{ "command": ["pass", "show", "x"] }"#] {
            let settings = try Self.settings(#""clientSecret": \#(secret)"#)
            #expect(try Self.registry().secretEnvironmentVariables(of: settings).isEmpty, "\(secret)")
        }
    }

    @Test("{\"env\"} objects nested inside a declared secret's value are listed too")
    func nested() throws {
        let settings = try Self.settings(
            #""clientSecret": { "either": [{ "env": "FIRST" }, { "deeper": { "env": "SECOND" } }] }"#)
        let declared = ProfileOptions.settings + StubProviderFactory().settings
        #expect(settings.secretEnvironmentVariables(declared: declared) == ["FIRST", "SECOND"])
    }

    @Test("a setting not declared secret is not read as one")
    func undeclared() throws {
        let settings = try Self.settings(#""clientSecret": "inline", "cacheURL": { "env": "CACHE_URL" }"#)
        let declared = ProfileOptions.settings + StubProviderFactory().settings
        #expect(settings.secretEnvironmentVariables(declared: declared).isEmpty)
    }
}
