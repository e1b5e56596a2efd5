import Benchmark
import BoxAuth
import BoxAuthEmulator
import BoxAuthURLSession
@_spi(Plumbing) import BoxAuthJWT

/// 7. Token grants per second from the in-process emulator, client and server sharing this
/// machine's cores, against bare `GET /2.0/users/me` round trips at the same concurrency.
enum EmulatorThroughputBenchmarks {
    static let concurrency = 8
    static let requestsPerSample = 400
    static let clientCredentials = BenchmarkMetric.count("client-credentials grants/s", polarity: .prefersLarger)
    static let jwt = BenchmarkMetric.count("jwt RS256 grants/s (client signs too)", polarity: .prefersLarger)
    static let bare = BenchmarkMetric.count("bare GET /2.0/users/me/s", polarity: .prefersLarger)
    static let ratio = BenchmarkMetric.count("client-credentials grants / bare requests (%)", polarity: .prefersLarger)

    static func register() {
        Benchmark(
            "7 emulator throughput, \(concurrency) concurrent clients",
            configuration: .plain([clientCredentials, jwt, bare, ratio], warmupIterations: 1, maxDuration: .seconds(15), maxIterations: 10)
        ) { benchmark in
            let world = try await World.shared.get()
            let config = world.sandbox.config
            let endpoint = try TokenEndpoint(baseURL: world.sandbox.baseURL, transport: SharedTransport.default)
            let clientCredentialsForm = [
                ("grant_type", "client_credentials"), ("client_id", config.clientID),
                ("client_secret", config.clientSecret.exposedValue), ("box_subject_type", "enterprise"),
                ("box_subject_id", EmulatorSandbox.enterpriseID),
            ]
            let bareRate = try await rate { _ = try await SharedTransport.default.send(world.usersMe) }
            let clientCredentialsRate = try await rate { _ = try await endpoint.requestToken(form: clientCredentialsForm) }
            let jwtRate = try await rate {
                let claims = try JWTClaims.fresh(clientID: config.clientID, subject: .enterprise(EmulatorSandbox.enterpriseID))
                let assertion = try JWTAssertion(claims: claims, keyID: config.publicKeyID, algorithm: .rs256, key: world.key)
                _ = try await endpoint.requestToken(form: [
                    ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion.compact.exposedValue),
                    ("client_id", config.clientID), ("client_secret", config.clientSecret.exposedValue),
                ])
            }
            benchmark.measurement(bare, bareRate)
            benchmark.measurement(clientCredentials, clientCredentialsRate)
            benchmark.measurement(jwt, jwtRate)
            benchmark.measurement(ratio, percent(clientCredentialsRate, of: bareRate))
        }
    }

    /// Requests per second with `concurrency` tasks sharing `requestsPerSample` requests.
    private static func rate(_ request: @escaping @Sendable () async throws -> Void) async throws -> Int {
        let elapsed = try await Stopwatch.nanoseconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency {
                    group.addTask { for _ in 0..<(requestsPerSample / concurrency) { try await request() } }
                }
                try await group.waitForAll()
            }
        }
        return Int(Double(requestsPerSample) * 1e9 / Double(max(elapsed, 1)))
    }
}
