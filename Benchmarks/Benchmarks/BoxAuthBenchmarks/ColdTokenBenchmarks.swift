import Benchmark
@_spi(Plumbing) import BoxAuth
import BoxAuthEmulator
import BoxAuthURLSession
@_spi(Plumbing) import BoxAuthJWT

/// 4. A cold token over loopback from the in-process emulator, for every refresh path, against a
/// bare HTTP round trip to the same server on the same transport and one bare RS256 signature.
enum ColdTokenBenchmarks {
    static let roundTrip = BenchmarkMetric.microseconds("bare round trip GET /2.0/users/me")
    static let signature = BenchmarkMetric.microseconds("bare RS256 signature")
    static let budget = BenchmarkMetric.percent("jwt-rs256 / (round trip + signature + 0.2 ms)")
    static let excess = BenchmarkMetric.microseconds("jwt-rs256 - round trip - signature, when positive")
    static let paths = World.profileNames.map { ($0, BenchmarkMetric.microseconds("cold \($0)")) }

    static func register() {
        Benchmark(
            "4 cold token over loopback",
            configuration: .plain([roundTrip, signature, budget, excess] + paths.map(\.1),
                warmupIterations: 20, maxDuration: .seconds(20), maxIterations: 1000)
        ) { benchmark in
            let (world, providers) = try await World.shared.providersForEveryPath()
            let input = signingInput(clientID: world.sandbox.config.clientID, keyID: world.sandbox.config.publicKeyID)
            let rtt = try await Stopwatch.nanoseconds { blackHole(try await SharedTransport.default.send(world.usersMe)) }
            let sign = try Stopwatch.nanoseconds { blackHole(try world.key.sign(input, digest: .sha256)) }
            benchmark.measurement(roundTrip, microseconds(rtt))
            benchmark.measurement(signature, microseconds(sign))
            for (index, (name, metric)) in paths.enumerated() {
                let provider = providers[index]
                let time = try await Stopwatch.nanoseconds {
                    let token = try await provider.accessToken()
                    await provider.invalidate(token)
                }
                benchmark.measurement(metric, microseconds(time))
                if name == "jwt-rs256" {
                    benchmark.measurement(budget, percent(time, of: rtt + sign + 200_000))
                    if time > rtt + sign { benchmark.measurement(excess, microseconds(time - rtt - sign)) }
                }
            }
        }
    }

    /// As many bytes as the sandbox app's assertion signs.
    private static func signingInput(clientID: String, keyID: String) -> [UInt8] {
        let claims = JWTClaims(issuer: clientID, subject: .enterprise("1234567"), jwtID: String(repeating: "0", count: 64), expiresAt: 1_800_000_000)
        let header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\(keyID.debugDescription)}"
        let length = Base64URL.encode(Array(header.utf8)).utf8.count + 1 + Base64URL.encode(Array(claims.json.utf8)).utf8.count
        return [UInt8](repeating: UInt8(ascii: "a"), count: length)
    }
}
