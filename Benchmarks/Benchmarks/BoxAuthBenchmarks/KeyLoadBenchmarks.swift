import Benchmark
@_spi(Instrumentation) @_spi(Plumbing) import BoxAuth
import BoxAuthEmulator

/// 2. Decrypting an encrypted PKCS#8 key once (compared with one signature by the same key: what
/// decrypting for every assertion, as Box's Python SDK does, would add), and how many times a
/// provider decrypts its key for 1,000 refreshes.
enum KeyLoadBenchmarks {
    static let load = BenchmarkMetric.microseconds("decrypt + load")
    static let sign = BenchmarkMetric.microseconds("RSAPrivateKey.sign")
    static let ratio = BenchmarkMetric.percent("decrypt / sign")
    static let decryptions = BenchmarkMetric.count("key decryptions")
    static let refreshes = BenchmarkMetric.count("token requests", polarity: .prefersLarger)

    static func register() {
        for bits in [2048, 4096] {
            Benchmark(
                "2 key load, encrypted PKCS#8 \(bits)-bit",
                configuration: .plain([load, sign, ratio], warmupIterations: 1, maxDuration: .seconds(4), maxIterations: 100)
            ) { benchmark in
                let key = Keys.key(bits: bits)
                let passphrase = Secret("correct horse battery staple")
                let pem = try key.pkcs8PEM(passphrase: passphrase).exposedValue
                let input = [UInt8](repeating: UInt8(ascii: "a"), count: 300)
                let loadTime = try Stopwatch.nanoseconds { blackHole(try RSAPrivateKey(pem: pem, passphrase: passphrase)) }
                let signTime = try Stopwatch.nanoseconds { blackHole(try key.sign(input, digest: .sha256)) }
                benchmark.measurement(load, microseconds(loadTime))
                benchmark.measurement(sign, microseconds(signTime))
                benchmark.measurement(ratio, percent(loadTime, of: signTime))
            }
        }

        Benchmark(
            "2 key decryptions per 1,000 JWT refreshes",
            configuration: .plain([decryptions, refreshes], warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 1)
        ) { benchmark in
            let world = try await World.shared.get()
            let requestsBefore = await world.emulator.counters.tokenRequests
            let before = RSAPrivateKey.decryptionCount
            // Building the provider from its profile decrypts the key; then 1,000 refreshes.
            let provider = try world.provider("jwt-rs256")
            for _ in 0..<1000 {
                let token = try await provider.accessToken()
                await provider.invalidate(token)
            }
            benchmark.measurement(decryptions, RSAPrivateKey.decryptionCount - before)
            benchmark.measurement(refreshes, await world.emulator.counters.tokenRequests - requestsBefore)
        }
    }
}
