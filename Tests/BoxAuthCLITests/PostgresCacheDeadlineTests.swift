import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// `box-auth token` with `"cache": "postgres"` when the database holds it up: the database is a
/// helper, so past `cacheLockTimeout` the process warns once and fetches its own token; an OAuth 2.0
/// sign-in, which must never be refreshed twice, exits 4 instead.
@Suite("box-auth token when the PostgreSQL cache holds it up", .enabled(if: TestDatabase.shouldRun))
struct PostgresCacheDeadlineTests {
    static func writeProfile(_ fixture: EmulatorFixture) throws {
        try fixture.write(
            """
            { "profiles": { "fleet": { "provider": "jwt", "configFile": "box_config.json", "cache": "postgres",
                                       "cacheURL": { "env": "FLEET_CACHE_URL" }, "cacheLockTimeout": 1,
                                       "baseURL": "\(fixture.baseURL.absoluteString)" } } }
            """, named: "profiles.json")
    }

    static func postgresWarnings(_ result: ProductProcess.Result) -> Int {
        result.stderr.split(separator: "\n").filter { $0.contains("PostgreSQL") }.count
    }

    @Test(
        "another session holds LOCK TABLE box_auth_tokens IN ACCESS EXCLUSIVE MODE: a token, one warning, one request")
    func lockedTable() async throws {
        let database = try await TestDatabase.create()
        try await EmulatorFixture.withCLI { fixture in
            try Self.writeProfile(fixture)
            let machine = PostgresCacheTests.machine(fixture, 1, url: database.urlString)
            let first = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: machine)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(await fixture.emulator.counters.tokenRequests == 1)
            try await database.whileHolding(["LOCK TABLE box_auth_tokens IN ACCESS EXCLUSIVE MODE"]) {
                let started = ContinuousClock.now
                let result = try await ProductProcess.boxAuth(
                    ["token", "--profiles", fixture.profilesPath],
                    environment: PostgresCacheTests.machine(fixture, 2, url: database.urlString))
                #expect(result.status == 0, "\(result.stderr)")
                #expect(!result.stdout.isEmpty)
                #expect(Self.postgresWarnings(result) == 1, "\(result.stderr)")
                #expect(ContinuousClock.now - started < .seconds(30))
                #expect(await fixture.emulator.counters.tokenRequests == 2)
            }
        }
    }

    @Test("a database that accepts connections and never answers: a token, one warning, one request")
    func stalledDatabase() async throws {
        let stalled = try StalledListener()
        defer { stalled.close() }
        try await EmulatorFixture.withCLI { fixture in
            try Self.writeProfile(fixture)
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath],
                environment: PostgresCacheTests.machine(
                    fixture, 1, url: "postgres://postgres@127.0.0.1:\(stalled.port)/stalled"))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.isEmpty)
            #expect(Self.postgresWarnings(result) == 1, "\(result.stderr)")
            #expect(await fixture.emulator.counters.tokenRequests == 1)
        }
    }

    @Test("an oauth2 sign-in kept in a database that never answers: exit 4 naming PostgreSQL, no refresh")
    func stalledDatabaseOAuth2() async throws {
        let stalled = try StalledListener()
        defer { stalled.close() }
        try await EmulatorFixture.withCLI { fixture in
            let base = fixture.baseURL.absoluteString
            try fixture.write(
                """
                { "profiles": { "me": { "provider": "oauth2", "clientID": "\(TestIdentity.clientID)",
                                        "clientSecret": { "env": "CLI_TEST_SECRET" }, "baseURL": "\(base)",
                                        "cache": "postgres", "cacheURL": { "env": "FLEET_CACHE_URL" },
                                        "cacheLockTimeout": 1 } } }
                """, named: "profiles.json")
            let environment = fixture.oauth2Environment(stateFolder: "state")
                .merging(["FLEET_CACHE_URL": "postgres://postgres@127.0.0.1:\(stalled.port)/stalled"]) { _, new in new }
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stderr.contains("PostgreSQL"), "\(result.stderr)")
            #expect(await fixture.counters.refreshTokenGrants == 0)
        }
    }
}
