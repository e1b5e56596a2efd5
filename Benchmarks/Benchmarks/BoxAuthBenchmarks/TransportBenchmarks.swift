import AsyncHTTPClient
import Benchmark
import BoxAuth
import BoxAuthAsyncHTTPClient
import BoxAuthJWT
import BoxAuthProviders
import BoxAuthURLSession
import Foundation

/// 8. A cold JWT refresh through each HTTP transport, against that transport's physical floor in
/// the same sample: a raw POST of a grant signed beforehand (same form, same client, same
/// emulator), plus one RS256 signature of the same signing input.
///
/// The refresh does what the floor does (one signature, one POST of the grant, the server's work on
/// it) plus the library's own work (claims, JSON, base64url, form, response parsing, cache), so the
/// ratio is the library's overhead per transport.
enum TransportBenchmarks {
    /// The transports compared, each with the name its benchmark shows.
    static let transports: [(name: String, transport: any HTTPTransport)] = [
        ("async-http-client", AsyncHTTPClientTransport(client: client)),
        ("URLSession", SharedTransport.default),
    ]

    /// One client for the whole run; the process ends with it (it is never shut down).
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)

    static let rawPost = BenchmarkMetric.microseconds("raw POST of a pre-signed grant")
    static let signature = BenchmarkMetric.microseconds("bare RS256 signature")
    static let refresh = BenchmarkMetric.microseconds("cold jwt-rs256 refresh")
    static let ratio = BenchmarkMetric.percent("refresh / (raw POST + signature)")

    static func register() {
        for (name, transport) in transports {
            Benchmark(
                "8 cold JWT refresh through \(name)",
                configuration: .plain([rawPost, signature, refresh, ratio],
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

                let post = try await Stopwatch.nanoseconds {
                    let response = try await transport.send(request)
                    guard response.status == 200 else { throw BenchmarkSetupError("raw POST answered \(response.status)") }
                    blackHole(response)
                }
                let sign = try Stopwatch.nanoseconds { blackHole(try world.key.sign(signingInput, digest: .sha256)) }
                let time = try await Stopwatch.nanoseconds {
                    let token = try await profile.provider.accessToken()
                    await profile.provider.invalidate(token)
                }
                benchmark.measurement(rawPost, microseconds(post))
                benchmark.measurement(signature, microseconds(sign))
                benchmark.measurement(refresh, microseconds(time))
                benchmark.measurement(ratio, percent(time, of: post + sign))
            }
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
