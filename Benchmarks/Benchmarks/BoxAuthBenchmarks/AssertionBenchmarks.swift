import Benchmark
@_spi(Plumbing) import BoxAuth
@_spi(Plumbing) import BoxAuthJWT

/// 1. Building a whole assertion (claims, header, JSON, base64url, signature) against one bare
/// signature of an input of the same length with the same key, measured in the same sample.
enum AssertionBenchmarks {
    static let assertion = BenchmarkMetric.microseconds("assertion")
    static let bareSign = BenchmarkMetric.microseconds("RSAPrivateKey.sign")
    static let openSSL = BenchmarkMetric.microseconds("OpenSSL EVP_DigestSign")
    static let ratio = BenchmarkMetric.percent("assertion / RSAPrivateKey.sign")
    static let signOverhead = BenchmarkMetric.percent("RSAPrivateKey.sign / OpenSSL")

    static func register() {
        for bits in [2048, 4096] {
            for algorithm in [JWTAlgorithm.rs256, .rs512] {
                Benchmark(
                    "1 assertion \(algorithm.rawValue) \(bits)-bit",
                    configuration: .plain([assertion, bareSign, openSSL, ratio, signOverhead],
                        warmupIterations: 3, maxDuration: .seconds(bits == 4096 ? 8 : 4), maxIterations: 400)
                ) { benchmark in
                    try run(benchmark, key: Keys.key(bits: bits), algorithm: algorithm)
                }
            }
        }
    }

    private static func run(_ benchmark: Benchmark, key: RSAPrivateKey, algorithm: JWTAlgorithm) throws {
        let bare = Keys.bareSigner(bits: key.bitCount)
        let clientID = "abcdefghijklmnopqrstuvwxyz012345"
        let keyID = "abcd1234"
        func build() throws -> JWTAssertion {
            let claims = try JWTClaims.fresh(clientID: clientID, subject: .enterprise("1234567"))
            return try JWTAssertion(claims: claims, keyID: keyID, algorithm: algorithm, key: key)
        }
        // An input as long as the assertion's signing input (base64url(header) "." base64url(claims)).
        let claims = try JWTClaims.fresh(clientID: clientID, subject: .enterprise("1234567"))
        let header = "{\"alg\":\"\(algorithm.rawValue)\",\"typ\":\"JWT\",\"kid\":\"\(keyID)\"}"
        let length = Base64URL.encode(Array(header.utf8)).utf8.count + 1 + Base64URL.encode(Array(claims.json.utf8)).utf8.count
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        var assertionTime = 0
        var signTime = 0
        var openSSLTime = 0
        // Alternate the order so neither side always runs with warmer caches.
        if benchmark.currentIteration.isMultiple(of: 2) {
            signTime = try Stopwatch.nanoseconds { blackHole(try key.sign(input, digest: algorithm.digest)) }
            openSSLTime = Stopwatch.nanoseconds { blackHole(bare.sign(input, algorithm: algorithm)) }
            assertionTime = try Stopwatch.nanoseconds { blackHole(try build()) }
        } else {
            assertionTime = try Stopwatch.nanoseconds { blackHole(try build()) }
            openSSLTime = Stopwatch.nanoseconds { blackHole(bare.sign(input, algorithm: algorithm)) }
            signTime = try Stopwatch.nanoseconds { blackHole(try key.sign(input, digest: algorithm.digest)) }
        }
        benchmark.measurement(assertion, microseconds(assertionTime))
        benchmark.measurement(bareSign, microseconds(signTime))
        benchmark.measurement(openSSL, microseconds(openSSLTime))
        benchmark.measurement(ratio, percent(assertionTime, of: signTime))
        benchmark.measurement(signOverhead, percent(signTime, of: openSSLTime))
    }
}
