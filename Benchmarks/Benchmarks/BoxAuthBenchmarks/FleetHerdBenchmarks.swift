import Benchmark
import BoxAuth
import Foundation

/// 9. A fleet herd through PostgreSQL: 4 processes (each its own machine: its own cache folder and
/// file lock) × 1,000 tasks ask for one cold subject at once (`"cache": "postgres"`). Counts the
/// emulator's token requests (target: exactly 1) and the distinct tokens the 4,000 callers got
/// (1), and reports the callers' latency from `go`; the reference in the same sample is one process
/// with one task asking for the same cold subject (what a lone machine pays for a cold token
/// through the database).
enum FleetHerdBenchmarks {
    static let machines = 4
    static let callersPerMachine = 1_000
    static let requests = BenchmarkMetric.count("token requests per herd")
    static let tokens = BenchmarkMetric.count("distinct tokens per herd")
    static let p50 = BenchmarkMetric.microseconds("caller latency p50")
    static let p99 = BenchmarkMetric.microseconds("caller latency p99")
    static let slowest = BenchmarkMetric.microseconds("caller latency max")
    static let lone = BenchmarkMetric.microseconds("reference: 1 process × 1 task, cold")
    static let ratio = BenchmarkMetric.percent("caller p50 / reference")

    static func register() {
        guard Fleet.databaseURL != nil else { return }
        Benchmark(
            "9 fleet herd: \(machines) processes × \(callersPerMachine) tasks, one cold subject, PostgreSQL",
            configuration: .plain(
                [requests, tokens, p50, p99, slowest, lone, ratio], warmupIterations: 1,
                maxDuration: .seconds(60), maxIterations: 20)
        ) { benchmark in
            let fleet = try await Fleet.shared.get()
            let emulator = fleet.world.emulator

            try await fleet.emptyTable()
            let reference = try await herd(fleet, machines: 1, callers: 1)

            try await fleet.emptyTable()
            let before = await emulator.counters.tokenRequests
            let subject = try await herd(fleet, machines: machines, callers: callersPerMachine)
            benchmark.measurement(requests, await emulator.counters.tokenRequests - before)

            let latencies = subject.flatMap(\.latencies).sorted()
            benchmark.measurement(tokens, Set(subject.flatMap(\.tokens)).count)
            benchmark.measurement(p50, microseconds(latencies[latencies.count / 2]))
            benchmark.measurement(p99, microseconds(latencies[latencies.count * 99 / 100]))
            benchmark.measurement(slowest, microseconds(latencies[latencies.count - 1]))
            let loneTime = reference[0].latencies[0]
            benchmark.measurement(lone, microseconds(loneTime))
            benchmark.measurement(ratio, percent(latencies[latencies.count / 2], of: loneTime))
        }
    }

    /// Starts `machines` FleetMember processes of the postgres stacking, waits until each has built
    /// its provider, lets them all go at once and returns their reports.
    private static func herd(
        _ fleet: Fleet.Running, machines: Int, callers: Int
    ) async throws -> [FleetMemberProcess.Result] {
        var members: [FleetMemberProcess] = []
        for _ in 0..<machines {
            members.append(
                try FleetMemberProcess(
                    profilesFile: fleet.profilesFile, profile: Fleet.postgresProfile,
                    callers: callers, environment: fleet.environment, cacheHome: try fleet.newMachineFolder()))
        }
        for member in members { try await member.ready() }
        for member in members { try member.go() }
        var results: [FleetMemberProcess.Result] = []
        for member in members { results.append(try await member.result()) }
        return results
    }
}
