import Benchmark
import BoxAuth
import Foundation
import Synchronization

/// 3. `accessToken()` on a warm provider (expiry check included), in batches of 10,000 calls,
/// against the least any thread-safe cache with an expiry check can do: a `Mutex` read and `Date()`.
enum CachedTokenBenchmarks {
    static let batch = 10_000
    static let perCall = BenchmarkMetric.nanoseconds("accessToken() per call")
    static let referencePerCall = BenchmarkMetric.nanoseconds("Mutex read + Date() per call")
    static let ratio = BenchmarkMetric.percent("accessToken() / Mutex read")
    static let throughput = BenchmarkMetric.count("accessToken() calls per ms, all tasks", polarity: .prefersLarger)
    static let referenceThroughput = BenchmarkMetric.count("Mutex read calls per ms, all tasks", polarity: .prefersLarger)

    static func register() {
        Benchmark(
            "3 cached accessToken(), 1 task (10,000 calls a sample)",
            configuration: .plain([perCall, referencePerCall, ratio], warmupIterations: 5, maxDuration: .seconds(3), maxIterations: 300)
        ) { benchmark in
            let (provider, reference) = try await warmProvider()
            let subject = try await callTime(provider, calls: batch)
            let floor = referenceTime(reference, calls: batch)
            benchmark.measurement(perCall, subject / batch)
            benchmark.measurement(referencePerCall, floor / batch)
            benchmark.measurement(ratio, percent(subject, of: floor))
        }

        Benchmark(
            "3 cached accessToken(), allocations per 10,000 calls",
            configuration: .plain([.mallocCountTotal], warmupIterations: 5, maxDuration: .seconds(2), maxIterations: 100)
        ) { benchmark in
            let (provider, _) = try await warmProvider()
            _ = try await provider.accessToken()
            benchmark.startMeasurement()
            for _ in 0..<batch { blackHole(try await provider.accessToken()) }
            benchmark.stopMeasurement()
        }

        let cores = ProcessInfo.processInfo.activeProcessorCount
        Benchmark(
            "3 cached accessToken(), \(cores) tasks (10,000 calls each a sample)",
            configuration: .plain([perCall, referencePerCall, ratio, throughput, referenceThroughput],
                warmupIterations: 5, maxDuration: .seconds(3), maxIterations: 300)
        ) { benchmark in
            let (provider, reference) = try await warmProvider()
            let subject = try await Stopwatch.nanoseconds {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<cores { group.addTask { try await callTime(provider, calls: batch) } }
                    try await group.waitForAll()
                }
            }
            let floor = await Stopwatch.nanoseconds {
                await withTaskGroup(of: Int.self) { group in
                    for _ in 0..<cores { group.addTask { referenceTime(reference, calls: batch) } }
                    await group.waitForAll()
                }
            }
            benchmark.measurement(perCall, subject / batch)
            benchmark.measurement(referencePerCall, floor / batch)
            benchmark.measurement(ratio, percent(subject, of: floor))
            benchmark.measurement(throughput, cores * batch * 1_000_000 / max(subject, 1))
            benchmark.measurement(referenceThroughput, cores * batch * 1_000_000 / max(floor, 1))
        }
    }

    /// The JWT provider with a token in its cache, and a reference cache holding the same token.
    private static func warmProvider() async throws -> (any AuthProvider, ReferenceCache) {
        let provider = try await World.shared.warmJWTProvider()
        return (provider, ReferenceCache(try await provider.accessToken()))
    }

    private static func callTime(_ provider: any AuthProvider, calls: Int) async throws -> Int {
        try await Stopwatch.nanoseconds {
            for _ in 0..<calls { blackHole(try await provider.accessToken()) }
        }
    }

    private static func referenceTime(_ reference: ReferenceCache, calls: Int) -> Int {
        Stopwatch.nanoseconds {
            for _ in 0..<calls { blackHole(reference.token()) }
        }
    }
}

/// The floor for a cached token: one uncontended `Mutex` read and one clock read for the expiry check.
final class ReferenceCache: Sendable {
    private let state: Mutex<AccessToken?>

    init(_ token: AccessToken) { state = Mutex(token) }

    @inline(never)
    func token() -> AccessToken? {
        let now = Date()
        return state.withLock { token in
            guard let token, token.expiresAt.timeIntervalSince(now) > 120 else { return nil }
            return token
        }
    }
}
