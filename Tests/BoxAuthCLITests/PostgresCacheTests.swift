import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// `box-auth token` with `"cache": "postgres"`: machines are simulated by separate cache folders
/// (`XDG_CACHE_HOME`), each with its own file lock, all sharing one database of the test's own.
@Suite("box-auth token with a PostgreSQL cache shared by machines", .enabled(if: TestDatabase.shouldRun))
struct PostgresCacheTests {
    /// Writes the `fleet` profile: jwt from box_config.json, cached in `cacheURL` (from the environment).
    static func writeFleetProfile(_ fixture: EmulatorFixture) throws {
        try fixture.write(
            """
            { "profiles": { "fleet": { "provider": "jwt", "configFile": "box_config.json", "cache": "postgres",
                                       "cacheURL": { "env": "FLEET_CACHE_URL" }, "cacheLockTimeout": 120,
                                       "baseURL": "\(fixture.baseURL.absoluteString)" } } }
            """, named: "profiles.json")
    }

    static func machine(_ fixture: EmulatorFixture, _ number: Int, url: String) -> [String: String] {
        ["XDG_CACHE_HOME": fixture.folder.appendingPathComponent("machine-\(number)").path, "FLEET_CACHE_URL": url]
    }

    @Test("3 machines × 6 processes make one token request; a 4th machine reads it; pg_dump shows no secret")
    func fleetHerd() async throws {
        let database = try await TestDatabase.create()
        try await EmulatorFixture.withCLI { fixture in
            try Self.writeFleetProfile(fixture)
            let started = ContinuousClock.now
            let results = try await withThrowingTaskGroup(of: (ProductProcess.Result, Duration).self) { group in
                for machine in 1...3 {
                    for _ in 0..<6 {
                        group.addTask {
                            let result = try await ProductProcess.boxAuth(
                                ["token", "--profiles", fixture.profilesPath],
                                environment: Self.machine(fixture, machine, url: database.urlString))
                            return (result, ContinuousClock.now - started)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.0.status == 0 }, "\(results.map(\.0.stderr))")
            #expect(Set(results.map(\.0.stdout)).count == 1)
            #expect(await fixture.emulator.counters.tokenRequests == 1)
            let times = results.map(\.1).sorted()
            print(
                "fleet herd: 18 processes, \(await fixture.emulator.counters.tokenRequests) token request(s); "
                    + "finished after p50 \(times[times.count / 2]), max \(times[times.count - 1])")

            let fourth = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath],
                environment: Self.machine(fixture, 4, url: database.urlString))
            #expect(fourth.status == 0, "\(fourth.stderr)")
            #expect(fourth.stdout == results[0].0.stdout)
            #expect(await fixture.emulator.counters.tokenRequests == 1)

            let dump = try await Self.pgDump(database.urlString)
            #expect(dump.contains("box_auth_tokens"))
            let token = results[0].0.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!token.isEmpty)
            #expect(!dump.contains(token))
            for secret in try fixture.secrets { #expect(!dump.contains(secret)) }
        }
    }

    @Test("a refresher killed while Box stalls does not stop another machine from getting a token")
    func killedHolder() async throws {
        let database = try await TestDatabase.create()
        try await EmulatorFixture.withCLI { fixture in
            try Self.writeFleetProfile(fixture)
            await fixture.emulator.injectFaults(.stall(), count: 1)
            let holder = try RunningProduct.start(
                ["token", "--profiles", fixture.profilesPath],
                environment: Self.machine(fixture, 1, url: database.urlString))
            // The event: the holder's request reached Box (it holds the advisory lock meanwhile).
            while await fixture.emulator.counters.tokenRequests < 1 { try await Task.sleep(for: .milliseconds(10)) }
            let killed = ContinuousClock.now
            holder.kill()
            let other = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath],
                environment: Self.machine(fixture, 2, url: database.urlString))
            let recovery = ContinuousClock.now - killed
            #expect(other.status == 0, "\(other.stderr)")
            #expect(!other.stdout.isEmpty)
            #expect(await holder.result().status != 0)
            print("killed holder: another machine got a token \(recovery) after the SIGKILL")
        }
    }

    @Test("an unreachable database still yields a token, with one warning naming PostgreSQL")
    func unreachableDatabase() async throws {
        let port = try LoopbackPort.unused()
        try await EmulatorFixture.withCLI { fixture in
            try Self.writeFleetProfile(fixture)
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath],
                environment: Self.machine(fixture, 1, url: "postgres://postgres@127.0.0.1:\(port)/none"))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.isEmpty)
            let warnings = result.stderr.split(separator: "\n").filter { $0.contains("PostgreSQL") }
            #expect(warnings.count == 1, "\(result.stderr)")
            for secret in try fixture.secrets { #expect(!result.stderr.contains(secret)) }
        }
    }

    @Test("oauth2: sign in on one machine; after expiry 4 machines × 4 processes make one refresh, none refused")
    func oauth2Fleet() async throws {
        let database = try await TestDatabase.create()
        try await EmulatorFixture.withCLI { fixture in
            let base = fixture.baseURL.absoluteString
            try fixture.write(
                """
                { "defaultProfile": "me",
                  "profiles": {
                    "me": { "provider": "oauth2", "clientID": "\(TestIdentity.clientID)",
                            "clientSecret": { "env": "CLI_TEST_SECRET" }, "baseURL": "\(base)",
                            "authorizeURL": "\(base)/api/oauth2/authorize",
                            "cache": "postgres", "cacheURL": { "env": "FLEET_CACHE_URL" },
                            "cacheLockTimeout": 120 } } }
                """, named: "profiles.json")
            func machine(_ number: Int) -> [String: String] {
                fixture.oauth2Environment(stateFolder: "state-\(number)")
                    .merging(Self.machine(fixture, number, url: database.urlString)) { _, new in new }
            }
            let (signedIn, _) = try await fixture.signIn(environment: machine(1))
            #expect(signedIn.status == 0, "\(signedIn.stderr)")
            #expect(try fixture.pairFiles(stateFolder: "state-1").isEmpty)  // the pair is in the database

            let elsewhere = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: machine(2))
            #expect(elsewhere.status == 0, "\(elsewhere.stderr)")

            // An hour passes, on the database server's clock.
            try await database.execute(
                "UPDATE box_auth_tokens SET expires_at = clock_timestamp() - interval '10 seconds'")
            let before = await fixture.counters
            // 4 machines × 4 processes.
            let results = try await ProductProcess.boxAuthAtOnce(
                ["token", "--profiles", fixture.profilesPath],
                environments: (1...4).flatMap { number in Array(repeating: machine(number), count: 4) })
            let after = await fixture.counters
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
            #expect(after.refreshTokenGrants - before.refreshTokenGrants == 1)
            #expect(after.totalRejections == before.totalRejections)
            let tokens = Set(results.map { $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) })
            #expect(tokens.count == 1)
            #expect(tokens.first != elsewhere.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// `pg_dump` of the database, as a reader of a backup would see it.
    static func pgDump(_ url: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_dump", "--no-owner", url]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pg-dump-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        #expect(process.terminationStatus == 0)
        return try String(contentsOf: output, encoding: .utf8)
    }
}
