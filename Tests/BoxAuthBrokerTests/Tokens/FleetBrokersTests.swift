@_spi(Plumbing) import BoxAuth
@testable import BoxAuthBroker
import BoxAuthEmulator
import BoxAuthPostgres
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Logging
import Prometheus
import Testing

/// Brokers on several machines share one token through the PostgreSQL store.
@Suite("Brokers sharing a PostgreSQL store", .enabled(if: TestDatabase.shouldRun))
struct FleetBrokersTests {
    @Test("Two brokers on one PostgreSQL store, 200 cold requests each: one token request to Box")
    func twoBrokersOneToken() async throws {
        let database = try await TestDatabase.create()
        var registry = AuthProviderRegistry.standard
        try registry.register(store: PostgresStoreFactory())
        let fleetRegistry = registry
        try await EmulatorFixture.with { emulator in
            try BrokerFixture.writeProfiles(
                ["service": #"{"provider": "jwt", "configFile": "box_config.json", "cache": "postgres", "cacheURL": "\#(database.urlString)"}"#],
                policy: nil, in: emulator)
            let url = emulator.profilesURL
            // Two machines: each its own broker, process state and cache folder.
            let brokers = try ["m1", "m2"].map { machine in
                let profiles = try BrokerProfiles(
                    loadFile: { try ProfilesFile.load(contentsOf: url) }, registry: fleetRegistry,
                    environment: ["XDG_CACHE_HOME": emulator.folder.appendingPathComponent(machine).path],
                    transport: emulator.transport, logger: TestLog(level: .critical).logger,
                    ownerUID: BrokerFixture.owner.uid, ownerSecret: nil)
                return BrokerAPI(
                    profiles: profiles, limits: TokenBroker.Limits(),
                    metrics: BrokerMetrics(registry: PrometheusCollectorRegistry()), logger: TestLog(level: .critical).logger)
            }
            let tokens = await withTaskGroup(of: String?.self) { group in
                for index in 0..<400 {
                    let broker = brokers[index % 2]
                    group.addTask {
                        await broker.respond(to: BrokerFixture.request("GET", "/v1/profiles/service/token")).accessToken
                    }
                }
                var tokens: [String?] = []
                for await token in group { tokens.append(token) }
                return tokens
            }
            #expect(tokens.allSatisfy { $0 != nil })
            #expect(Set(tokens).count == 1)
            #expect(await emulator.counters.tokenRequests == 1)
        }
    }
}
