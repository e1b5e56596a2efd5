import BoxAuth
import BoxAuthBrokerClient
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Logging
import Testing

/// The `broker` provider over the broker's TCP listener, with a scripted transport standing in
/// for the broker (the Unix socket is `UnixSocketTransportTests`' subject).
@Suite("BrokerAuthProvider")
struct BrokerAuthProviderTests {
    static let secret = "client-secret-7f3a"

    /// Resolves a `url` profile for the broker's `profile` (its token file holds ``secret``) over `transport`.
    static func withProvider(
        profile: String = "service", transport: ScriptedTransport, logger: Logger = TestLog(level: .critical).logger,
        _ body: (ResolvedProfile) async throws -> Void
    ) async throws {
        try await BrokerProfile.with { profiles in
            try profiles.writeFile("web.token", "\(secret)\n")
            let entry = try String(
                decoding: JSONEncoder().encode([
                    "provider": "broker", "profile": profile, "url": "http://127.0.0.1:8765", "tokenFile": "web.token",
                ]), as: UTF8.self)
            try await body(try profiles.resolve(entry, transport: transport, logger: logger))
        }
    }

    @Test("GET /v1/profiles/{profile}/token with the broker's headers and the bearer secret; expires_at is the expiry")
    func fetchesToken() async throws {
        let transport = ScriptedTransport(
            .json(
                200,
                #"{"access_token": "T0KEN", "token_type": "bearer", "expires_at": "2099-12-06T22:00:00Z", "expires_in": 3599, "as_user": "123", "restricted_to": [{"scope": "item_preview"}]}"#
            ))
        try await Self.withProvider(transport: transport) { provider in
            let token = try await provider.accessToken()
            #expect(token.value == "T0KEN")
            #expect(token.tokenType == "bearer")
            #expect(token.expiresAt == ISO8601DateFormatter().date(from: "2099-12-06T22:00:00Z"))
            #expect(token.restrictedTo.count == 1)
            let request = try #require(transport.requests.first)
            #expect(request.method == "GET")
            #expect(request.url.absoluteString == "http://127.0.0.1:8765/v1/profiles/service/token")
            #expect(request.body == nil)
            let headers = Dictionary(
                request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(headers["box-auth-broker"] == "1")
            #expect(headers["host"] == "localhost")
            #expect(headers["authorization"] == "Bearer \(Self.secret)")
        }
    }

    @Test(
        "the profile name is percent-encoded into one path segment",
        arguments: [("team/a b", "team%2Fa%20b"), ("..", "%2E%2E"), ("é?#", "%C3%A9%3F%23"), ("a.b-c_d~", "a.b-c_d~")])
    func percentEncodedProfile(name: String, segment: String) async throws {
        let transport = ScriptedTransport(.brokerToken("T0KEN"))
        try await Self.withProvider(profile: name, transport: transport) { provider in
            _ = try await provider.accessToken()
            #expect(
                transport.requests.first?.url.absoluteString == "http://127.0.0.1:8765/v1/profiles/\(segment)/token")
        }
    }

    @Test("expires_at with fractional seconds and an offset")
    func fractionalExpiry() async throws {
        let transport = ScriptedTransport(
            .json(200, #"{"access_token": "T0KEN", "expires_at": "2099-01-01T01:00:00.250+01:00"}"#))
        try await Self.withProvider(transport: transport) { provider in
            let token = try await provider.accessToken()
            #expect(abs(token.expiresAt.timeIntervalSince1970 - 4_070_908_800.25) < 0.001)
        }
    }

    static let malformedBodies = [
        ("not json", "not JSON"),
        (#"["T0KEN"]"#, "not an object"),
        (#"{"expires_at": "2099-01-01T00:00:00Z"}"#, "no access_token"),
        (#"{"access_token": "", "expires_at": "2099-01-01T00:00:00Z"}"#, "no access_token"),
        (#"{"access_token": 7, "expires_at": "2099-01-01T00:00:00Z"}"#, "no access_token"),
        (#"{"access_token": "T0KEN-SECRET", "expires_in": 3600}"#, "no expires_at"),
        (#"{"access_token": "T0KEN-SECRET", "expires_at": "tomorrow"}"#, "not an RFC 3339 date"),
        (#"{"access_token": "T0KEN-SECRET", "expires_at": "2001-01-01T00:00:00Z"}"#, "already past"),
        (#"{"access_token": "T0KEN-SECRET", "expires_at": "2099-01-01T00:00:00Z", "token_type": 1}"#, "token_type"),
        (
            #"{"access_token": "T0KEN-SECRET", "expires_at": "2099-01-01T00:00:00Z", "restricted_to": "x"}"#,
            "restricted_to"
        ),
    ]

    @Test("a 200 that is not a token is a typed error without the token", arguments: malformedBodies)
    func malformed(body: String, words: String) async throws {
        let transport = ScriptedTransport(.json(200, body))
        try await Self.withProvider(transport: transport) { provider in
            let error = try await #require(throws: BrokerClientError.self) { try await provider.accessToken() }
            #expect(error.status == 200)
            #expect(error.category == .unavailable)
            #expect("\(error)".contains("not a token"))
            #expect("\(error)".contains(words), "\(error)")
            #expect(!"\(error)".contains("T0KEN"))
        }
    }

    struct Answer: Sendable, CustomTestStringConvertible {
        let status: Int
        let error: String
        let hint: String
        let category: BoxAuthErrorCategory
        var testDescription: String { "\(status) \(error)" }
    }

    static let refusals = [
        Answer(status: 401, error: "unauthorized", hint: "Check the profile's 'tokenFile'", category: .refused),
        Answer(
            status: 403, error: "forbidden", hint: "policy does not allow this user or this profile", category: .refused
        ),
        Answer(status: 403, error: "forbidden_request", hint: "not through a proxy", category: .refused),
        Answer(status: 404, error: "unknown_profile", hint: "The broker has no profile 'service'", category: .refused),
        Answer(status: 429, error: "too_many_requests", hint: "try again", category: .unavailable),
        Answer(status: 502, error: "box_refused", hint: "Box refused the credentials", category: .unavailable),
        Answer(status: 503, error: "unavailable", hint: "try again later", category: .unavailable),
    ]

    @Test(
        "the broker's error answers become BrokerClientError naming its error, the status and what to do",
        arguments: refusals)
    func refusal(_ answer: Answer) async throws {
        let transport = ScriptedTransport(.brokerError(answer.status, answer.error, "the broker says no"))
        try await Self.withProvider(transport: transport) { provider in
            let error = try await #require(throws: BrokerClientError.self) { try await provider.accessToken() }
            #expect(error.status == answer.status)
            #expect(error.brokerError == answer.error)
            #expect(error.brokerMessage == "the broker says no")
            #expect(error.profile == "service")
            #expect(error.category == answer.category)
            #expect(!error.isUnreachable)
            let text = "\(error)"
            #expect(text.contains("HTTP \(answer.status) '\(answer.error)': the broker says no"), "\(text)")
            #expect(text.contains("http://127.0.0.1:8765"))
            #expect(text.contains(answer.hint), "\(text)")
            #expect(!text.contains(Self.secret))
        }
    }

    @Test("an error answer without a JSON body still names the status")
    func refusalWithoutBody() async throws {
        let transport = ScriptedTransport(TransportResponse(status: 500, body: Data("<html>".utf8)))
        try await Self.withProvider(transport: transport) { provider in
            let error = try await #require(throws: BrokerClientError.self) { try await provider.accessToken() }
            #expect(error.brokerError == nil)
            #expect("\(error)".contains("HTTP 500"))
        }
    }

    @Test("a broker that cannot be reached: says to start box-auth serve, never shows the secret")
    func unreachable() async throws {
        let transport = ScriptedTransport(
            failing: TransportError(code: .connectionFailed, url: "http://127.0.0.1:8765", detail: "connection refused")
        )
        try await Self.withProvider(transport: transport) { provider in
            let error = try await #require(throws: BrokerClientError.self) { try await provider.accessToken() }
            #expect(error.isUnreachable)
            #expect(error.status == nil)
            #expect(error.category == .unavailable)
            #expect("\(error)".contains("connection refused"))
            #expect("\(error)".contains("box-auth serve --listen"))
            #expect(!"\(error)".contains(Self.secret))
        }
    }

    @Test("50 concurrent callers make one broker request and share its token")
    func singleFlight() async throws {
        // Counts the callers that have started (each takes a token from it, which never waits).
        let arrivals = CountingFetcher()
        // The broker's answer waits at this fetcher's gate until every caller has started.
        let gate = CountingFetcher()
        gate.hold()
        let transport = ScriptedTransport { _, number in
            _ = try await gate.fetchToken()
            return .brokerToken("token-\(number)")
        }
        try await Self.withProvider(transport: transport) { provider in
            let values = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        _ = try await arrivals.fetchToken()
                        return try await provider.accessToken().value
                    }
                }
                while arrivals.calls < 50 || gate.held < 1 { await Task.yield() }
                gate.release()
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(values.count == 50)
            #expect(Set(values) == ["token-1"])
            #expect(transport.requests.count == 1)
        }
    }

    @Test("invalidate POSTs the token to the broker, and the next call fetches a new one")
    func invalidate() async throws {
        let transport = ScriptedTransport { request, number in
            request.method == "POST" ? TransportResponse(status: 204) : .brokerToken("token-\(number)")
        }
        try await Self.withProvider(transport: transport) { provider in
            let first = try await provider.accessToken()
            #expect(try await provider.accessToken() == first)
            await provider.invalidate(first)
            let post = try #require(transport.requests.last)
            #expect(post.method == "POST")
            #expect(post.url.absoluteString == "http://127.0.0.1:8765/v1/profiles/service/invalidate")
            let body = try JSONDecoder().decode([String: String].self, from: post.body ?? Data())
            #expect(body == ["access_token": "token-1"])
            #expect(post.headers.contains { $0.name == "Content-Type" && $0.value == "application/json" })
            #expect(post.headers.contains { $0.name == "Box-Auth-Broker" && $0.value == "1" })
            #expect(post.headers.contains { $0.name == "Authorization" && $0.value == "Bearer \(Self.secret)" })

            let next = try await provider.accessToken()
            #expect(next.value == "token-3")
            #expect(transport.requests.map(\.method) == ["GET", "POST", "GET"])
        }
    }

    @Test("a failed invalidation is logged without the token and not thrown; the local copy is dropped")
    func failedInvalidation() async throws {
        let log = TestLog()
        let failures = [
            TransportResponse.brokerError(500, "internal", "it broke"),
            TransportResponse.brokerError(401, "unauthorized", "who are you"),
        ]
        let transport = ScriptedTransport { request, number in
            switch (request.method, number) {
            case ("POST", 2): return failures[0]
            case ("POST", _):
                throw TransportError(code: .connectionFailed, url: "http://127.0.0.1:8765", detail: "refused")
            default: return .brokerToken("secret-token-\(number)")
            }
        }
        try await Self.withProvider(transport: transport, logger: log.logger) { provider in
            let first = try await provider.accessToken()
            await provider.invalidate(first)
            let second = try await provider.accessToken()
            #expect(second.value == "secret-token-3")
            await provider.invalidate(second)
            #expect(try await provider.accessToken().value == "secret-token-5")
        }
        let warnings = log.lines.filter { $0.hasPrefix("warning ") }
        #expect(warnings.count == 2)
        #expect(log.lines.joined().contains("it broke"))
        #expect(!log.lines.joined().contains("secret-token"))
        #expect(!log.lines.joined().contains(Self.secret))
    }

    @Test("descriptions of the provider and the profile show neither the token nor the secret")
    func redacted() async throws {
        let transport = ScriptedTransport(.brokerToken("T0KEN-VALUE"))
        try await Self.withProvider(transport: transport) { provider in
            let token = try await provider.accessToken()
            for text in [
                "\(provider)", String(reflecting: provider.provider), "\(token)", String(reflecting: token),
            ] {
                #expect(!text.contains("T0KEN-VALUE"))
                #expect(!text.contains(Self.secret))
            }
        }
    }

    @Test("the provider keeps the AuthProvider contracts", arguments: AuthProviderConformance.Contract.allCases)
    func conformance(contract: AuthProviderConformance.Contract) async throws {
        try await BrokerProfile.with { profiles in
            try profiles.writeFile("web.token", Self.secret)
            let transport = ScriptedTransport { request, number in
                request.method == "POST" ? TransportResponse(status: 204) : .brokerToken("token-\(number)")
            }
            try await AuthProviderConformance(fetches: { transport.requests.filter { $0.method == "GET" }.count }) {
                try profiles.resolve(
                    #"{"provider": "broker", "profile": "service", "url": "http://127.0.0.1:8765", "tokenFile": "web.token"}"#,
                    transport: transport
                ).provider
            }
            .check(contract)
        }
    }
}
