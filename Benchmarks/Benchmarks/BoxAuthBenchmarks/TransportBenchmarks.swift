import AsyncHTTPClient
import Benchmark
import BoxAuth
import BoxAuthAsyncHTTPClient
import BoxAuthClientCredentials
import BoxAuthJWT
import BoxAuthProviders
import BoxAuthURLSession
import Foundation
import Synchronization

/// 8. A cold JWT refresh through each HTTP transport, against the physical floor in the same
/// sample: a keep-alive POST of a grant signed beforehand, written on a plain socket the benchmark
/// opens itself (``RawHTTPConnection``: no HTTP framework, no event loop), plus one bare OpenSSL
/// signature of the same signing input (``BareSigner``). The three are interleaved sample by sample.
///
/// The refresh does what the floor does (one signature, one POST of the grant, the server's work on
/// it) plus everything else: the library's own work (claims, JSON, base64url, form, response
/// parsing, cache) and the transport's. The same POST through the transport under test is reported
/// too (not part of the floor), so that the transport's share and the library's can be told apart.
enum TransportBenchmarks {
    /// The transports compared, each with the name its benchmark shows.
    static let transports: [(name: String, transport: any HTTPTransport)] = [
        ("async-http-client", AsyncHTTPClientTransport(client: client)),
        ("URLSession", SharedTransport.default),
    ]

    /// One client for the whole run; the process ends with it (it is never shut down).
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)

    static let socketPost = BenchmarkMetric.microseconds("socket POST of a pre-signed grant (floor)")
    static let transportPost = BenchmarkMetric.microseconds("the same POST through the transport")
    static let signature = BenchmarkMetric.microseconds("bare OpenSSL RS256 signature (floor)")
    static let refresh = BenchmarkMetric.microseconds("cold jwt-rs256 refresh")
    static let ratio = BenchmarkMetric.percent("refresh / (socket POST + signature)")

    static func register() {
        for (name, transport) in transports {
            Benchmark(
                "8 cold JWT refresh through \(name)",
                configuration: .plain([socketPost, transportPost, signature, refresh, ratio],
                    warmupIterations: 20, maxDuration: .seconds(20), maxIterations: 1000)
            ) { benchmark in
                let world = try await World.shared.get()
                // A new provider each sample (its cache is empty; the key is decrypted here, untimed).
                let profile = try AuthProviderRegistry.standard.profile(
                    "jwt-rs256", in: world.profiles, environment: [:], transport: transport, logger: World.quietLogger)
                guard let grant = (profile.provider as? JWTAuthProvider)?.grant else {
                    throw BenchmarkSetupError("the jwt-rs256 profile is not a JWTAuthProvider")
                }
                let form = try grant.form()
                let request = TransportRequest(
                    method: "POST", url: grant.endpoint.url,
                    headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                    body: Self.formBody(form))
                let signingInput = try Self.signingInput(of: form)
                // Another grant for the transport's POST: the emulator refuses a jti twice.
                let transportRequest = TransportRequest(
                    method: "POST", url: grant.endpoint.url, headers: request.headers,
                    body: Self.formBody(try grant.form()))
                let socketRequest = RawHTTPConnection.request(path: grant.endpoint.url.path, body: request.body ?? Data())
                let connection = try Self.connection(to: grant.endpoint.url)
                let signer = try Self.signer(world.key)

                let (status, post) = try await connection.timedSend(socketRequest)
                guard status == 200 else { throw BenchmarkSetupError("socket POST answered \(status)") }
                let sign = Stopwatch.nanoseconds { blackHole(signer.sign(signingInput, algorithm: .rs256)) }
                let time = try await Stopwatch.nanoseconds {
                    let token = try await profile.provider.accessToken()
                    await profile.provider.invalidate(token)
                }
                let viaTransport = try await Self.timedPost(transportRequest, through: transport)
                benchmark.measurement(socketPost, microseconds(post))
                benchmark.measurement(transportPost, microseconds(viaTransport))
                benchmark.measurement(signature, microseconds(sign))
                benchmark.measurement(refresh, microseconds(time))
                benchmark.measurement(ratio, percent(time, of: post + sign))
            }
        }
    }

    static let ccgRefresh = BenchmarkMetric.microseconds("cold client-credentials refresh")
    static let ccgRatio = BenchmarkMetric.percent("refresh / socket POST")

    /// 8b. A cold client-credentials refresh through each transport, against a keep-alive POST of the
    /// same form on a plain socket (no signature: the grant has none).
    static func registerClientCredentials() {
        for (name, transport) in transports {
            Benchmark(
                "8 cold client-credentials refresh through \(name)",
                configuration: .plain(
                    [socketPost, transportPost, ccgRefresh, ccgRatio],
                    warmupIterations: 20, maxDuration: .seconds(20), maxIterations: 1000)
            ) { benchmark in
                let world = try await World.shared.get()
                let profile = try AuthProviderRegistry.standard.profile(
                    "client-credentials", in: world.profiles, environment: [:], transport: transport,
                    logger: World.quietLogger)
                guard let grant = (profile.provider as? ClientCredentialsAuthProvider)?.grant else {
                    throw BenchmarkSetupError("the client-credentials profile is not a ClientCredentialsAuthProvider")
                }
                let body = Self.formBody(grant.form)
                let request = TransportRequest(
                    method: "POST", url: grant.endpoint.url,
                    headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                    body: body)
                let connection = try Self.connection(to: grant.endpoint.url)
                let socketRequest = RawHTTPConnection.request(path: grant.endpoint.url.path, body: body)

                let (status, post) = try await connection.timedSend(socketRequest)
                guard status == 200 else { throw BenchmarkSetupError("socket POST answered \(status)") }
                let time = try await Stopwatch.nanoseconds {
                    let token = try await profile.provider.accessToken()
                    await profile.provider.invalidate(token)
                }
                let viaTransport = try await Self.timedPost(request, through: transport)
                benchmark.measurement(socketPost, microseconds(post))
                benchmark.measurement(transportPost, microseconds(viaTransport))
                benchmark.measurement(ccgRefresh, microseconds(time))
                benchmark.measurement(ccgRatio, percent(time, of: post))
            }
        }
    }

    /// The nanoseconds `request` takes through `transport`, which must answer 200.
    private static func timedPost(_ request: TransportRequest, through transport: any HTTPTransport) async throws -> Int {
        try await Stopwatch.nanoseconds {
            let response = try await transport.send(request)
            guard response.status == 200 else { throw BenchmarkSetupError("transport POST answered \(response.status)") }
            blackHole(response)
        }
    }

    /// One socket connection per emulator, kept open across samples (keep-alive), as the transports keep theirs.
    private static let connections = Mutex<[URL: RawHTTPConnection]>([:])
    private static func connection(to url: URL) throws -> RawHTTPConnection {
        try connections.withLock { connections in
            if let connection = connections[url] { return connection }
            let connection = try RawHTTPConnection(url: url)
            connections[url] = connection
            return connection
        }
    }

    /// The bare signer of the sandbox's key, loaded once.
    private static let signers = Mutex<BareSigner?>(nil)
    private static func signer(_ key: RSAPrivateKey) throws -> BareSigner {
        try signers.withLock { signer in
            if let signer { return signer }
            let loaded = try BareSigner(key)
            signer = loaded
            return loaded
        }
    }

    /// `form` as `TokenEndpoint` sends it (`name=value&...`, all but RFC 3986 unreserved bytes
    /// percent-encoded, upper-case hex): the library's `FormEncoding` is `package`, so not visible here.
    /// Done before the sample is timed.
    private static func formBody(_ form: [(String, String)]) -> Data {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var output = [UInt8]()
        func append(_ text: String) {
            for byte in text.utf8 {
                if unreserved.contains(byte) {
                    output.append(byte)
                } else {
                    output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
        }
        for (index, field) in form.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            append(field.0)
            output.append(UInt8(ascii: "="))
            append(field.1)
        }
        return Data(output)
    }

    /// The bytes the assertion in `form` signs (header and claims, up to the last dot).
    private static func signingInput(of form: [(String, String)]) throws -> [UInt8] {
        guard let assertion = form.first(where: { $0.0 == "assertion" })?.1, let dot = assertion.lastIndex(of: ".") else {
            throw BenchmarkSetupError("the grant has no assertion")
        }
        return Array(assertion[..<dot].utf8)
    }
}
