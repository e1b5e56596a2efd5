import Benchmark
@_spi(Plumbing) import BoxAuth
import BoxAuthPostgres
import Foundation
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// 10. A warm read from each cache tier, against its floor in the same sample:
/// - memory: `accessToken()` on a warm provider of each stacking (`"cache"` memory, file,
///   postgres), 10,000 calls a sample, against benchmark 3's `Mutex` read + `Date()`; and its
///   allocations (target: ~90 ns and 0 allocations whatever is stacked behind it);
/// - file: `FileTokenStore.load()` (read, parse, build the token) against reading the same file's
///   bytes with open/read/close;
/// - PostgreSQL: `PostgresTokenStore.load()` over the app's pool (one `SELECT` of the row, then
///   AES-256-GCM open and decode) against a bare `SELECT 1` on the same pool, interleaved (target:
///   ≤ 1.5×); and the profile form (a connection per visit) against connect + `SELECT 1` + close.
enum TierReadBenchmarks {
    static let memoryBatch = 10_000
    static let fileBatch = 1_000
    static let databaseBatch = 100

    static func register() {
        registerMemoryTier()
        registerFileTier()
        registerDatabaseTier()
    }

    // MARK: - Memory

    private static func registerMemoryTier() {
        let perCall = BenchmarkMetric.nanoseconds("accessToken() per call")
        let referencePerCall = BenchmarkMetric.nanoseconds("Mutex read + Date() per call")
        let ratio = BenchmarkMetric.percent("accessToken() / Mutex read")
        for cache in ["memory", "file", "postgres"] {
            Benchmark(
                "10 warm read, memory tier, cache \(cache) (10,000 calls a sample)",
                configuration: .plain(
                    [perCall, referencePerCall, ratio], warmupIterations: 5, maxDuration: .seconds(3),
                    maxIterations: 300)
            ) { benchmark in
                guard let (provider, reference) = try await warmProvider(cache: cache) else { return }
                let subject = try await Stopwatch.nanoseconds {
                    for _ in 0..<memoryBatch { blackHole(try await provider.accessToken()) }
                }
                let floor = Stopwatch.nanoseconds {
                    for _ in 0..<memoryBatch { blackHole(reference.token()) }
                }
                benchmark.measurement(perCall, subject / memoryBatch)
                benchmark.measurement(referencePerCall, floor / memoryBatch)
                benchmark.measurement(ratio, percent(subject, of: floor))
            }

            Benchmark(
                "10 warm read, memory tier, cache \(cache), allocations per 10,000 calls",
                configuration: .plain(
                    [.mallocCountTotal], warmupIterations: 5, maxDuration: .seconds(2), maxIterations: 100)
            ) { benchmark in
                guard let (provider, _) = try await warmProvider(cache: cache) else { return }
                benchmark.startMeasurement()
                for _ in 0..<memoryBatch { blackHole(try await provider.accessToken()) }
                benchmark.stopMeasurement()
            }
        }
    }

    /// A provider of the stacking `cache` with a token in memory (kept for the run), and the
    /// reference cache holding the same token; nil for postgres without a database.
    private static func warmProvider(cache: String) async throws -> (any AuthProvider, ReferenceCache)? {
        guard let provider = try await WarmProviders.shared.provider(cache: cache) else { return nil }
        return (provider, ReferenceCache(try await provider.accessToken()))
    }

    // MARK: - File

    private static func registerFileTier() {
        let perRead = BenchmarkMetric.nanoseconds("FileTokenStore.load()")
        let floorPerRead = BenchmarkMetric.nanoseconds("open + read + close of the file")
        let ratio = BenchmarkMetric.percent("load() / bare read")
        Benchmark(
            "10 warm read, file tier (1,000 reads a sample)",
            configuration: .plain(
                [perRead, floorPerRead, ratio], warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 200)
        ) { benchmark in
            let store = try await WarmProviders.shared.fileStore()
            let subject = Stopwatch.nanoseconds {
                for _ in 0..<fileBatch { blackHole(store.load()) }
            }
            let floor = Stopwatch.nanoseconds {
                for _ in 0..<fileBatch { blackHole(bareRead(store.url.path)) }
            }
            benchmark.measurement(perRead, subject / fileBatch)
            benchmark.measurement(floorPerRead, floor / fileBatch)
            benchmark.measurement(ratio, percent(subject, of: floor))
        }
    }

    /// The file's bytes, read with open/fstat/read/close: the least any file tier can do.
    @inline(never)
    private static func bareRead(_ path: String) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return -1 }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return -1 }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        return bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    }

    // MARK: - PostgreSQL

    private static func registerDatabaseTier() {
        guard Fleet.databaseURL != nil else { return }
        let perRead = BenchmarkMetric.microseconds("PostgresTokenStore.load()")
        let floorPerRead = BenchmarkMetric.microseconds("SELECT 1 on the same pool")
        let ratio = BenchmarkMetric.percent("load() / SELECT 1")
        Benchmark(
            "10 warm read, PostgreSQL tier, the app's pool (100 pairs a sample)",
            configuration: .plain(
                [perRead, floorPerRead, ratio], warmupIterations: 3, maxDuration: .seconds(10), maxIterations: 200)
        ) { benchmark in
            guard let store = try await WarmProviders.shared.pooledStore(),
                let client = try await Fleet.shared.get().client
            else { return }
            var subject = 0
            var floor = 0
            for _ in 0..<databaseBatch {
                subject += await Stopwatch.nanoseconds { blackHole(await store.load() as AccessToken?) }
                floor += try await Stopwatch.nanoseconds { try await selectOne(client) }
            }
            benchmark.measurement(perRead, microseconds(subject / databaseBatch))
            benchmark.measurement(floorPerRead, microseconds(floor / databaseBatch))
            benchmark.measurement(ratio, percent(subject, of: floor))
        }

        let connectRead = BenchmarkMetric.microseconds("PostgresTokenStore.load(), connection per visit")
        let connectFloor = BenchmarkMetric.microseconds("connect + SELECT 1 + close")
        let connectRatio = BenchmarkMetric.percent("load() / connect + SELECT 1")
        Benchmark(
            "10 warm read, PostgreSQL tier, a connection per visit (profiles; 20 pairs a sample)",
            configuration: .plain(
                [connectRead, connectFloor, connectRatio], warmupIterations: 2, maxDuration: .seconds(10),
                maxIterations: 100)
        ) { benchmark in
            guard let url = Fleet.databaseURL, let store = try await WarmProviders.shared.directStore() else { return }
            let configuration = try PostgresCacheURL(url).connectionConfiguration()
            var subject = 0
            var floor = 0
            for _ in 0..<20 {
                subject += await Stopwatch.nanoseconds { blackHole(await store.load() as AccessToken?) }
                floor += try await Stopwatch.nanoseconds {
                    let connection = try await PostgresConnection.connect(
                        configuration: configuration, id: 1, logger: World.quietLogger)
                    for try await _ in try await connection.query("SELECT 1", logger: World.quietLogger) {}
                    try await connection.close()
                }
            }
            benchmark.measurement(connectRead, microseconds(subject / 20))
            benchmark.measurement(connectFloor, microseconds(floor / 20))
            benchmark.measurement(connectRatio, percent(subject, of: floor))
        }
    }

    private static func selectOne(_ client: PostgresClient) async throws {
        for try await row in try await client.query("SELECT 1", logger: World.quietLogger) { blackHole(row) }
    }
}
