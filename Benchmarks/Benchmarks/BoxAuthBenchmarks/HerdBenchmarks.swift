import Benchmark
import BoxAuth
import BoxAuthEmulator

/// 5. 10,000 tasks ask one cold JWT provider at once: one token request, and the callers' latency
/// against the floor of a herd: 10,000 tasks awaiting one shared task that makes the same cold
/// refresh (through a provider of its own).
enum HerdBenchmarks {
    static let callers = 10_000
    static let requests = BenchmarkMetric.count("token requests per herd")
    static let p50 = BenchmarkMetric.microseconds("caller latency p50")
    static let p99 = BenchmarkMetric.microseconds("caller latency p99")
    static let slowest = BenchmarkMetric.microseconds("caller latency max")
    static let whole = BenchmarkMetric.microseconds("whole herd")
    static let floorP99 = BenchmarkMetric.microseconds("floor: caller latency p99")
    static let floorWhole = BenchmarkMetric.microseconds("floor: whole herd")
    static let single = BenchmarkMetric.microseconds("single caller, cold")
    static let ratio = BenchmarkMetric.percent("whole herd / floor")

    static func register() {
        Benchmark(
            "5 herd: 10,000 tasks, one cold provider",
            configuration: .plain(
                [requests, p50, p99, slowest, whole, floorP99, floorWhole, single, ratio], warmupIterations: 1,
                maxDuration: .seconds(15), maxIterations: 30)
        ) { benchmark in
            let world = try await World.shared.get()
            let lone = try world.provider("jwt-rs256")
            let singleTime = try await Stopwatch.nanoseconds { blackHole(try await lone.accessToken()) }

            let shared = try world.provider("jwt-rs256")
            let floor = try await herd {
                let fetch = Task { try await shared.accessToken() }
                return { _ = try await fetch.value }
            }

            let provider = try world.provider("jwt-rs256")
            let before = await world.emulator.counters.tokenRequests
            let subject = try await herd { { _ = try await provider.accessToken() } }
            benchmark.measurement(requests, await world.emulator.counters.tokenRequests - before)

            benchmark.measurement(p50, microseconds(subject.latencies[callers / 2]))
            benchmark.measurement(p99, microseconds(subject.latencies[callers * 99 / 100]))
            benchmark.measurement(slowest, microseconds(subject.latencies[callers - 1]))
            benchmark.measurement(whole, microseconds(subject.whole))
            benchmark.measurement(floorP99, microseconds(floor.latencies[callers * 99 / 100]))
            benchmark.measurement(floorWhole, microseconds(floor.whole))
            benchmark.measurement(single, microseconds(singleTime))
            benchmark.measurement(ratio, percent(subject.whole, of: floor.whole))
        }
    }

    /// Starts `callers` tasks that each run the call `prepare` returns (prepared once, when the clock
    /// starts); returns each caller's latency, sorted, and the whole herd's time.
    private static func herd(
        _ prepare: () async throws -> @Sendable () async throws -> Void
    ) async throws -> (latencies: [Int], whole: Int) {
        var latencies: [Int] = []
        latencies.reserveCapacity(callers)
        let whole = try await Stopwatch.nanoseconds {
            let call = try await prepare()
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<callers {
                    group.addTask { try await Stopwatch.nanoseconds { try await call() } }
                }
                for try await latency in group { latencies.append(latency) }
            }
        }
        latencies.sort()
        return (latencies, whole)
    }
}
