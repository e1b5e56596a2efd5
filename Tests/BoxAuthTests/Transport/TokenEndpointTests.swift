import BoxAuth
import BoxAuthTestKit
import Foundation
import Synchronization
import Testing

/// The token endpoint over a fake transport: what it sends and how it reads answers.
@Suite("TokenEndpoint")
struct TokenEndpointTests {
    static func refusal(
        _ status: Int, _ error: String, _ description: String, headers: [String: String] = [:]
    ) -> TransportResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        let body = try? JSONEncoder().encode(["error": error, "error_description": description])
        return TransportResponse(status: status, headers: headers, body: body ?? Data())
    }

    static let connectionRefused = TransportError(
        code: .connectionFailed, url: "https://api.box.com/oauth2/token", detail: "connection refused")

    /// Retries without waiting, so tests stay fast.
    static let quickRetries = RetryPolicy(maxAttempts: 4, deadline: 30, baseDelay: 0, maxDelay: 0)

    static let tokenJSON = TransportResponse(
        status: 200, headers: ["Content-Type": "application/json"],
        body: Data(#"{"access_token": "T0KEN", "expires_in": 3600, "token_type": "bearer", "restricted_to": []}"#.utf8))

    @Test("posts the form url-encoded to {baseURL}/oauth2/token, fields in order")
    func request() async throws {
        let transport = ScriptedTransport(Self.tokenJSON)
        let endpoint = try TokenEndpoint(
            baseURL: URL(string: "http://127.0.0.1:8080")!, transport: transport, timeout: 7)
        #expect(endpoint.url.absoluteString == "http://127.0.0.1:8080/oauth2/token")
        _ = try await endpoint.requestToken(form: [
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", "aaa.bbb.c-_"),
            ("client_id", "abc"), ("client_secret", "s3cr3t&=+ /"),
        ])
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://127.0.0.1:8080/oauth2/token")
        #expect(request.timeout == 7)
        let headers = Dictionary(
            request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(headers["accept"] == "application/json")
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(
            body
                == "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=aaa.bbb.c-_"
                + "&client_id=abc&client_secret=s3cr3t%26%3D%2B%20%2F")
        let decoded = FormEncoding.decode(try #require(request.body))
        #expect(decoded.map(\.0) == ["grant_type", "assertion", "client_id", "client_secret"])
        #expect(decoded.last?.1 == "s3cr3t&=+ /")
    }

    @Test("the default endpoint is https://api.box.com/oauth2/token")
    func defaultURL() throws {
        let endpoint = try TokenEndpoint(transport: ScriptedTransport(Self.tokenJSON))
        #expect(endpoint.url.absoluteString == "https://api.box.com/oauth2/token")
        #expect(endpoint.timeout == 30)
    }

    @Test("a token answer becomes an AccessToken that expires expires_in after receipt")
    func token() async throws {
        let endpoint = try TokenEndpoint(transport: ScriptedTransport(Self.tokenJSON))
        let before = Date()
        let token = try await endpoint.requestToken(form: [("grant_type", "client_credentials")])
        let after = Date()
        #expect(token.value == "T0KEN")
        #expect(token.receivedAt >= before && token.receivedAt <= after)
        #expect(token.expiresAt == token.receivedAt.addingTimeInterval(3600))
    }

    @Test("a refusal comes back as TokenEndpointError with the endpoint's URL")
    func refusal() async throws {
        let response = TransportResponse(
            status: 400, headers: ["Content-Type": "application/json"],
            body: Data(#"{"error": "invalid_client", "error_description": "The client credentials are invalid"}"#.utf8))
        let endpoint = try TokenEndpoint(transport: ScriptedTransport(response))
        let error = try await #require(throws: TokenEndpointError.self) {
            try await endpoint.requestToken(form: [
                ("grant_type", "client_credentials"), ("client_secret", "hush-hush"),
            ])
        }
        #expect(error.code == .refused)
        #expect(error.url == "https://api.box.com/oauth2/token")
        #expect(error.boxError == "invalid_client")
        #expect(!"\(error)".contains("hush-hush"))
    }

    @Test("a redirect is returned as an error, and the request is sent only once")
    func redirect() async throws {
        let transport = ScriptedTransport(TransportResponse(status: 302, headers: ["Location": "https://evil.example/"]))
        let endpoint = try TokenEndpoint(transport: transport)
        let error = try await #require(throws: TokenEndpointError.self) {
            try await endpoint.requestToken(form: [("grant_type", "client_credentials")])
        }
        #expect(error.code == .redirected)
        #expect(error.detail?.contains("https://evil.example/") == true)
        #expect(transport.requests.count == 1)
    }

    @Test("a transport failure passes through unchanged")
    func transportFailure() async throws {
        let failure = TransportError(code: .timedOut, url: "https://api.box.com/oauth2/token", detail: "timed out")
        let endpoint = try TokenEndpoint(transport: ScriptedTransport(failing: failure))
        let error = try await #require(throws: TransportError.self) {
            try await endpoint.requestToken(form: [("grant_type", "client_credentials")])
        }
        #expect(error == failure)
        #expect(error.category == .unavailable)
        #expect("\(error)".contains("timeout"))
    }

    // MARK: - Retries (TokenEndpoint+Retry)

    static let retryableFailures: [Result<TransportResponse, TransportError>] = [
        .success(refusal(429, "rate_limit_exceeded", "slow down", headers: ["Retry-After": "0"])),
        .success(refusal(500, "internal_server_error", "oops")), .success(TransportResponse(status: 503)),
        .failure(connectionRefused),
    ]

    @Test("429, 5xx and transport failures are retried until a token comes", arguments: retryableFailures)
    func retried(failure: Result<TransportResponse, TransportError>) async throws {
        let transport = ScriptedTransport(answers: [failure, failure, .success(Self.tokenJSON)])
        let endpoint = try TokenEndpoint(transport: transport, retryPolicy: Self.quickRetries)
        let token = try await endpoint.requestToken { _ in [("grant_type", "client_credentials")] }
        #expect(token.value == "T0KEN")
        #expect(transport.requests.count == 3)
    }

    @Test("retries stop after maxAttempts requests and the last error is thrown")
    func maxAttempts() async throws {
        let transport = ScriptedTransport(TransportResponse(status: 502))
        let endpoint = try TokenEndpoint(transport: transport, retryPolicy: Self.quickRetries)
        let error = try await #require(throws: TokenEndpointError.self) {
            try await endpoint.requestToken { _ in [("grant_type", "client_credentials")] }
        }
        #expect(error.code == .serverError)
        #expect(transport.requests.count == 4)
    }

    static let finalAnswers: [TransportResponse] = [
        refusal(400, "invalid_client", "The client credentials are invalid"),
        refusal(400, "invalid_grant", "Please check the 'sub' claim."),
        refusal(400, "unauthorized_client", "This app is not authorized by the enterprise admin"),
        TransportResponse(status: 302, headers: ["Location": "https://elsewhere.example/"]),
        TransportResponse(status: 200, headers: ["Content-Type": "text/html"], body: Data("<html/>".utf8)),
    ]

    @Test("refusals are final: one request", arguments: finalAnswers)
    func notRetried(response: TransportResponse) async throws {
        let transport = ScriptedTransport(response)
        let endpoint = try TokenEndpoint(transport: transport, retryPolicy: Self.quickRetries)
        await #expect(throws: TokenEndpointError.self) {
            try await endpoint.requestToken { _ in [("grant_type", "client_credentials")] }
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a refused jti is retried once, with a newly built form")
    func jwtIDRetried() async throws {
        let reused = Self.refusal(
            400, "invalid_grant", "Please check the 'jti' claim. A unique 'jti' value is required.")
        let transport = ScriptedTransport(answers: [.success(reused), .success(reused), .success(Self.tokenJSON)])
        let endpoint = try TokenEndpoint(transport: transport, retryPolicy: Self.quickRetries)
        let builds = FormBuilds()
        let error = try await #require(throws: TokenEndpointError.self) {
            try await endpoint.requestToken { _ in [("grant_type", "jwt"), ("assertion", "a\(builds.next())")] }
        }
        #expect(error.isJWTIDRefusal)
        #expect(transport.requests.count == 2)
        #expect(transport.forms.map { $0.last?.1 } == ["a1", "a2"])
    }

    @Test("a refused exp measures the skew from the Date header and retries once with corrected time")
    func expirationRetried() async throws {
        let serverNow = Date().addingTimeInterval(300)
        let refusedExp = Self.refusal(
            400, "invalid_grant", "Current date/time MUST be before the expiration date/time listed in the 'exp' claim",
            headers: ["Date": HTTPDate.format(serverNow)])
        let transport = ScriptedTransport(answers: [.success(refusedExp), .success(Self.tokenJSON)])
        let endpoint = try TokenEndpoint(transport: transport, retryPolicy: Self.quickRetries)
        let skew = ClockSkew()
        let dates = FormDates()
        _ = try await endpoint.requestToken(skew: skew) { now in
            dates.append(now)
            return [("grant_type", "jwt")]
        }
        #expect(transport.requests.count == 2)
        // The offset is measured to the second the header gives; allow for the test's own run time.
        #expect(abs(skew.seconds - 300) < 5)
        let seen = dates.all
        #expect(seen.count == 2)
        #expect(abs(seen[1].timeIntervalSince(seen[0]) - 300) < 5)
    }

    @Test("a refused exp without a Date header is final")
    func expirationWithoutDate() async throws {
        let refusedExp = Self.refusal(400, "invalid_grant", "Please check the 'exp' claim.")
        let transport = ScriptedTransport(answers: [.success(refusedExp), .success(Self.tokenJSON)])
        let endpoint = try TokenEndpoint(transport: transport, retryPolicy: Self.quickRetries)
        let error = try await #require(throws: TokenEndpointError.self) {
            try await endpoint.requestToken(skew: ClockSkew()) { _ in [("grant_type", "jwt")] }
        }
        #expect(error.isExpirationRefusal)
        #expect(error.hint?.contains("clock") == true)
        #expect(transport.requests.count == 1)
    }

    /// Numbers the forms a retry loop builds.
    final class FormBuilds: Sendable {
        private let count = Mutex(0)
        func next() -> Int {
            count.withLock {
                $0 += 1; return $0
            }
        }
    }

    /// The dates a retry loop built its forms with.
    final class FormDates: Sendable {
        private let dates = Mutex<[Date]>([])
        var all: [Date] { dates.withLock { $0 } }
        func append(_ date: Date) { dates.withLock { $0.append(date) } }
    }

    // MARK: - Base URL validation (EndpointURL)

    @Test(
        "https, and http to a loopback host, are accepted",
        arguments: [
            "https://api.box.com", "https://box.example.com:8443/base", "http://127.0.0.1", "http://127.0.0.1:8080",
            "http://127.1.2.3:1", "http://localhost:9000", "http://LOCALHOST", "http://[::1]:8080",
            "HTTPS://API.BOX.COM",
        ])
    func acceptedBaseURL(text: String) throws {
        let url = try #require(URL(string: text))
        try EndpointURL.validate(url)
        _ = try TokenEndpoint(baseURL: url, transport: ScriptedTransport(Self.tokenJSON))
    }

    @Test(
        "plain http to another host, other schemes and relative URLs are refused with .invalidURL",
        arguments: [
            "http://example.com", "http://api.box.com", "http://10.0.0.1:8080", "http://127.0.0.1.example.com",
            "http://localhost.example.com", "ftp://api.box.com", "api.box.com", "/oauth2/token", "file:///tmp/x",
        ])
    func refusedBaseURL(text: String) throws {
        let url = try #require(URL(string: text))
        let error = try #require(throws: ConfigurationError.self) { try EndpointURL.validate(url) }
        #expect(error.code == .invalidURL)
        #expect(error.category == .configuration)
        #expect(error.hint?.contains("https") == true)
        #expect(throws: ConfigurationError.self) {
            try TokenEndpoint(baseURL: url, transport: ScriptedTransport(Self.tokenJSON))
        }
    }

    @Test(
        "loopback detection",
        arguments: [
            ("127.0.0.1", true), ("127.255.255.254", true), ("localhost", true), ("::1", true), ("[::1]", true),
            ("128.0.0.1", false), ("127.0.0", false), ("127.0.0.256", false), ("example.com", false), ("::2", false),
        ])
    func loopback(host: String, isLoopback: Bool) {
        #expect(EndpointURL.isLoopback(host) == isLoopback)
    }
}
