import BoxAuth
import BoxAuthPostgres
import BoxAuthOAuth2
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing
import BoxAuthEmulator

/// The standard registry with the PostgreSQL store registered, as an app (or the CLI) does it.
let postgresRegistry: AuthProviderRegistry = {
    var registry = AuthProviderRegistry.standard
    do { try registry.register(store: PostgresStoreFactory()) } catch { preconditionFailure("\(error)") }
    return registry
}()

@Suite("\"cache\": \"postgres\" in profiles")
struct PostgresStoreFactoryTests {
    @Test("one call registers the postgres kind and its settings")
    func declared() throws {
        let registry = postgresRegistry
        #expect(registry.storeKinds == ["file", "memory", "postgres"])
        let cache = try #require(registry.commonSettings.first { $0.name == "cache" })
        #expect(cache.type == .oneOf(["file", "memory", "postgres"]))
        let url = try #require(registry.commonSettings.first { $0.name == "cacheURL" })
        #expect(url.isSecret)
        let schema = ProfilesSchema.json(for: registry)
        #expect(schema.contains("cacheURL"))
        #expect(schema.contains("\"postgres\""))
        #expect(!ProfilesSchema.json(for: .standard).contains("cacheURL"))
    }

    @Test("the standard registry is light: a postgres profile is refused, naming the product and the call to add")
    func standardRegistryLacksPostgres() async throws {
        #expect(AuthProviderRegistry.standard.storeKinds == ["file", "memory"])
        try await EmulatorFixture.with { fixture in
            let error = try #require(throws: ConfigurationError.self) {
                try fixture.profile(
                    #"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres", "cacheURL": "postgres://u@127.0.0.1:1/x"}"#,
                    registry: .standard)
            }
            #expect(error.jsonPath == "profiles.test.cache")
            #expect(error.description.contains("no token store of kind 'postgres' is registered"))
            #expect(error.description.contains("BoxAuthPostgres"))
            #expect(error.description.contains("try registry.register(store: PostgresStoreFactory())"))
        }
    }

    @Test("a developer-token profile cannot share tokens: no app secret to encrypt them with")
    func developerTokenRefused() async throws {
        _ = try await EmulatorFixture.with { fixture in
            #expect {
                try fixture.profile(
                    #"{"provider": "developer-token", "token": "dev-token", "cache": "postgres", "cacheURL": "postgres://u@127.0.0.1/db"}"#, registry: postgresRegistry
                )
            } throws: { error in
                "\(error)".contains("cache") && "\(error)".contains("app secret")
            }
        }
    }

    @Test("cacheURL is required, checked offline, and its password never shows in the error")
    func cacheURLChecked() async throws {
        try await EmulatorFixture.with { fixture in
            #expect {
                try fixture.profile(#"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres"}"#, registry: postgresRegistry)
            } throws: { error in "\(error)".contains("cacheURL") }
            #expect {
                try fixture.profile(
                    #"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres", "cacheURL": "postgres://u:hunter2@db.example.com/x"}"#, registry: postgresRegistry
                )
            } throws: { error in "\(error)".contains("sslmode") && !"\(error)".contains("hunter2") }
            let profile = try fixture.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres", "cacheURL": "postgres://u@127.0.0.1:1/x"}"#, registry: postgresRegistry
            )
            #expect(profile.options.cache == .postgres)
        }
    }

    @Test("retry settings whose refresh could outlast the lock's one-hour hold are refused, naming retryDeadline")
    func holdTimeoutRefused() async throws {
        try await EmulatorFixture.with { fixture in
            #expect {
                try fixture.profile(
                    #"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres", "cacheURL": "postgres://u@127.0.0.1:1/x", "retryDeadline": 3600}"#, registry: postgresRegistry
                )
            } throws: { error in
                "\(error)".contains("retryDeadline") && "\(error)".contains("3600 s")
            }
            let accepted = try fixture.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres", "cacheURL": "postgres://u@127.0.0.1:1/x", "retryDeadline": 1700}"#, registry: postgresRegistry
            )
            #expect(accepted.options.retryPolicy.deadline == 1700)
        }
    }
}

@Suite("an oauth2 profile with \"cache\": \"postgres\"", .enabled(if: TestDatabase.shouldRun))
struct PostgresOAuth2ProfileTests {
    @Test("a sign-in stored by one machine gives another machine its token with no request")
    func signInSharedAcrossMachines() async throws {
        let database = try await TestDatabase.create()
        try await EmulatorFixture.with { fixture in
            let entry = """
                {"provider": "oauth2", "clientID": "\(TestIdentity.clientID)", "clientSecret": "\(TestIdentity.clientSecret)",
                 "cache": "postgres", "cacheURL": "\(database.urlString)"}
                """
            let first = try fixture.profile(
                entry, environment: ["XDG_CACHE_HOME": fixture.folder.appendingPathComponent("m1").path],
                registry: postgresRegistry)
            let provider = try #require(first.provider as? OAuth2AuthProvider)
            let pair = TokenPair(
                accessToken: AccessToken(value: "signed-in-access", expiresAt: Date().addingTimeInterval(3600)),
                refreshToken: Secret("signed-in-refresh"))
            try await provider.signIn(pair)

            let second = try fixture.profile(
                entry, environment: ["XDG_CACHE_HOME": fixture.folder.appendingPathComponent("m2").path],
                registry: postgresRegistry)
            #expect(try await second.accessToken().value == "signed-in-access")
            #expect(await fixture.emulator.counters.tokenRequests == 0)
            let rows = try await database.column("SELECT encode(ciphertext, 'escape') FROM box_auth_tokens")
            #expect(rows.count == 1)
            #expect(!rows.joined().contains("signed-in-refresh"))
        }
    }
}
