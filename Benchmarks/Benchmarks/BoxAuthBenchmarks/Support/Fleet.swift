import BoxAuth
import BoxAuthEmulator
import BoxAuthPostgres
import Foundation
import Logging
import PostgresNIO

/// What benchmarks 9 and 10 share: a profiles file beside the emulator sandbox's with one profile
/// per way of stacking the cache tiers, and, when the environment names a PostgreSQL server
/// (`BOX_AUTH_BENCH_POSTGRES_URL`, else `BOX_AUTH_TEST_POSTGRES_URL`, which
/// `scripts/postgres-cluster.sh start` exports), a pool on it kept for the whole run.
actor Fleet {
    static let shared = Fleet()

    /// The server's URL, if the environment names one (benchmarks 9 and 10 are skipped without it).
    static let databaseURL: String? = {
        let environment = ProcessInfo.processInfo.environment
        return [environment["BOX_AUTH_BENCH_POSTGRES_URL"], environment["BOX_AUTH_TEST_POSTGRES_URL"]]
            .compactMap { $0 }.first { !$0.isEmpty }
    }()

    /// The table the fleet profiles share (emptied before every herd).
    static let table = "box_auth_bench_tokens"

    /// The profile of each stacking: `jwt` with `"cache"` set to memory, file or postgres.
    static let profileNames = ["memory": "fleet-memory", "file": "fleet-file", "postgres": postgresProfile]
    /// The profile with `"cache": "postgres"`.
    static let postgresProfile = "fleet-postgres"

    struct Running: Sendable {
        let world: World.Running
        /// A running pool on the benchmark database; nil without one.
        let client: PostgresClient?
        /// The profiles file of the stackings (the database URL comes from `{"env": ...}`).
        let profilesFile: URL
        /// The environment the profiles resolve in: the database URL and a cache folder.
        let environment: [String: String]

        /// A new provider (its own empty memory cache) for the stacking `cache`, with `cacheHome`
        /// as its machine's `XDG_CACHE_HOME`.
        func provider(cache: String, cacheHome: URL) throws -> any AuthProvider {
            var environment = environment
            environment["XDG_CACHE_HOME"] = cacheHome.path
            var registry = AuthProviderRegistry.standard
            try registry.register(store: PostgresStoreFactory())
            return try registry.profile(
                Fleet.profileNames[cache], profilesFile: profilesFile.path, environment: environment,
                logger: World.quietLogger
            ).provider
        }

        /// Deletes every shared row, so that the next caller finds the subject cold.
        func emptyTable() async throws {
            guard let client else { return }
            do {
                for try await _ in try await client.query(
                    "DELETE FROM \(unescaped: Fleet.table)", logger: World.quietLogger)
                {}
            } catch  where (error as? PSQLError)?.serverInfo?[.sqlState] == "42P01" {
                // Not created yet: the first herd creates it.
            }
        }

        /// A new folder in the sandbox, as one machine's `XDG_CACHE_HOME`.
        func newMachineFolder() throws -> URL {
            let folder = world.sandbox.folder.appendingPathComponent("machine-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return folder
        }
    }

    private var running: Running?

    /// The profiles, and the pool when there is a database.
    func get() async throws -> Running {
        if let running { return running }
        let world = try await World.shared.get()
        let client = try Self.databaseURL.map { url in
            PostgresClient(
                configuration: try PostgresCacheURL(url).clientConfiguration(), backgroundLogger: World.quietLogger)
        }
        if let client {
            // Runs for the whole benchmark process, like an app's pool.
            Task { await client.run() }
        }
        let base = world.sandbox.baseURL.absoluteString
        let shared = """
            , "cacheURL": { "env": "BOX_AUTH_BENCH_POSTGRES_URL" }, "cacheTable": "\(Self.table)", "cacheLockTimeout": 60
            """
        let profiles = Self.profileNames.sorted { $0.key < $1.key }.map { cache, name in
            """
              "\(name)": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS256",
                "baseURL": "\(base)", "cache": "\(cache)"\(cache == "postgres" ? shared : "") }
            """
        }
        let file = try world.sandbox.writeFile(
            "fleet-profiles.json", "{ \"profiles\": {\n\(profiles.joined(separator: ",\n"))\n} }")
        let started = Running(
            world: world, client: client, profilesFile: file,
            environment: ["BOX_AUTH_BENCH_POSTGRES_URL": Self.databaseURL ?? "", "HOME": world.sandbox.folder.path])
        running = started
        return started
    }
}
