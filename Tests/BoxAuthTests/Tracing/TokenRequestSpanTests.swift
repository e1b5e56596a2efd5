@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import InMemoryTracing
import Testing
import Tracing

/// The spans of token requests, recorded by an injected `InMemoryTracer` (never bootstrapped
/// globally, so the suite's tests run in parallel).
@Suite("TokenRequestSpan")
struct TokenRequestSpanTests {
    /// A grant that posts a client-credentials form with made-up secrets through `endpoint`.
    struct EndpointGrant: TokenFetcher {
        let endpoint: TokenEndpoint
        func fetchToken() async throws -> AccessToken {
            try await endpoint.requestToken { _ in
                [
                    ("grant_type", "client_credentials"), ("client_id", "span-client"),
                    ("client_secret", Self.clientSecret), ("box_subject_type", "enterprise"),
                    ("box_subject_id", Self.subjectID), ("assertion", Self.assertion),
                ]
            }
        }
        static let clientSecret = "span-client-secret-9f2"
        static let subjectID = "subject-id-48151623"
        static let assertion = "eyJhbGciOiJSUzI1NiJ9.assertion-body.signature"
    }

    static let tokenValue = "T0KEN-span-value-77"
    static let secrets = [tokenValue, EndpointGrant.clientSecret, EndpointGrant.subjectID, EndpointGrant.assertion]
    static let quickRetries = RetryPolicy(maxAttempts: 3, deadline: 30, baseDelay: 0, maxDelay: 0)

    /// A cache over `transport` that traces to `tracer`, as a profile `svc` of kind `client-credentials`.
    static func cache(
        _ transport: ScriptedTransport, tracer: InMemoryTracer, store: (any TokenStore)? = nil
    ) throws -> TokenCache {
        let endpoint = try TokenEndpoint(
            baseURL: URL(string: "https://api.box.test:8443")!, transport: transport, retryPolicy: quickRetries,
            tracer: tracer)
        return TokenCache(
            fetcher: EndpointGrant(endpoint: endpoint), store: store, provider: "client-credentials", tracer: tracer,
            profile: "svc", subjectType: .enterprise)
    }

    @Test("a cold fetch is one box_auth.token span with one client span under it; a memory hit makes none")
    func coldFetchThenMemoryHit() async throws {
        let tracer = InMemoryTracer()
        let cache = try Self.cache(ScriptedTransport(.token(Self.tokenValue)), tracer: tracer)
        _ = try await cache.token()
        let spans = tracer.popFinishedSpans()
        let token = try #require(spans.named("box_auth.token").first)
        #expect(spans.count == 2)
        #expect(token.kind == .internal)
        #expect(token.attributes.text("box_auth.profile") == "svc")
        #expect(token.attributes.text("box_auth.provider") == "client-credentials")
        #expect(token.attributes.text("box_auth.subject.type") == "enterprise")
        #expect(token.attributes.text("box_auth.tier") == "network")
        #expect(token.attributes.get("box_auth.lock.waited") == nil)
        #expect(token.status == nil)

        let client = try #require(spans.children(of: token).first)
        #expect(client.operationName == "POST")
        #expect(client.kind == .client)
        #expect(client.traceID == token.traceID)
        #expect(client.attributes.text("http.request.method") == "POST")
        #expect(client.attributes.text("server.address") == "api.box.test")
        #expect(client.attributes.text("server.port") == "8443")
        #expect(client.attributes.text("url.template") == "/oauth2/token")
        #expect(client.attributes.text("http.response.status_code") == "200")
        #expect(client.attributes.get("http.request.resend_count") == nil)
        #expect(client.attributes.get("error.type") == nil)
        #expect(spans.attributes(containing: Self.secrets).isEmpty)
        // The check sees every value: the profile's name is found where it is.
        #expect(spans.attributes(containing: ["svc"]) == ["box_auth.profile"])

        // Memory hits, through both paths: nothing recorded.
        _ = try await cache.token()
        _ = cache.freshToken()
        #expect(tracer.finishedSpans.isEmpty)
        #expect(tracer.activeSpans.isEmpty)
    }

    @Test("a retried attempt has http.request.resend_count 1; the refused one has error.type and an error status")
    func retry() async throws {
        let tracer = InMemoryTracer()
        let transport = ScriptedTransport(answers: [
            .success(.refusal(503, "unavailable", "try later")), .success(.token(Self.tokenValue)),
        ])
        let cache = try Self.cache(transport, tracer: tracer)
        _ = try await RetryClock.$current.withValue(.immediate()) { try await cache.token() }
        let spans = tracer.popFinishedSpans()
        let token = try #require(spans.named("box_auth.token").first)
        let attempts = spans.children(of: token)
        try #require(attempts.count == 2)
        #expect(attempts[0].attributes.text("http.response.status_code") == "503")
        #expect(attempts[0].attributes.text("error.type") == "503")
        #expect(attempts[0].status?.code == .error)
        #expect(attempts[0].attributes.get("http.request.resend_count") == nil)
        #expect(attempts[1].attributes.text("http.request.resend_count") == "1")
        #expect(attempts[1].attributes.text("http.response.status_code") == "200")
        #expect(attempts[1].status == nil)
        #expect(token.status == nil)
        #expect(spans.attributes(containing: Self.secrets).isEmpty)
    }

    @Test(
        "a failed request: error.type on the client span and the token span, both with an error status",
        arguments: [
            (ScriptedTransport(.refusal(400, "invalid_grant", "bad assertion")), "400"),
            (ScriptedTransport(.refusal(500, "internal", "boom")), "500"),
            (
                ScriptedTransport(
                    failing: TransportError(code: .connectionFailed, url: "https://api.box.test", detail: "refused")),
                "connection_failed"
            ),
            (
                ScriptedTransport(
                    failing: TransportError(code: .timedOut, url: "https://api.box.test", detail: "30 s")),
                "timeout"
            ),
        ])
    func failure(transport: ScriptedTransport, errorType: String) async throws {
        let tracer = InMemoryTracer()
        let cache = try Self.cache(transport, tracer: tracer)
        await #expect(throws: (any Error).self) {
            try await RetryClock.$current.withValue(.immediate()) { try await cache.token() }
        }
        let spans = tracer.popFinishedSpans()
        let token = try #require(spans.named("box_auth.token").first)
        let attempts = spans.children(of: token)
        #expect(!attempts.isEmpty)
        for attempt in attempts {
            #expect(attempt.attributes.text("error.type") == errorType)
            #expect(attempt.status?.code == .error)
        }
        #expect(token.attributes.text("error.type") == errorType)
        #expect(token.status?.code == .error)
        #expect(spans.attributes(containing: Self.secrets).isEmpty)
    }

    @Test("a file store: the lock wait is an event with its duration; a second process's cache is answered by the file")
    func fileStoreLockWait() async throws {
        try await TemporaryDirectory.with { directory in
            let tracer = InMemoryTracer()
            let store = FileTokenStore(directory: directory.url, key: ["spans"])
            // Another holder has the lock until the request is waiting for it.
            let holder = try LockHolder.holding(store.url.appendingPathExtension("lock"))
            let cache = try Self.cache(ScriptedTransport(.token(Self.tokenValue)), tracer: tracer, store: store)
            let request = Task { try await cache.token() }
            while tracer.activeSpans.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
            try await Task.sleep(for: .milliseconds(20))
            holder.release()
            _ = try await request.value

            let spans = tracer.popFinishedSpans()
            let token = try #require(spans.named("box_auth.token").first)
            #expect(token.attributes.text("box_auth.tier") == "network")
            #expect(token.attributes.get("box_auth.lock.waited") == .bool(true))
            let event = try #require(token.events.first { $0.name == "box_auth.lock.acquired" })
            #expect(event.attributes.text("box_auth.store") == "file")
            guard case .double(let waited) = event.attributes.get("box_auth.lock.wait_duration") else {
                Issue.record("the event has no wait duration")
                return
            }
            #expect(waited > 0)
            #expect(token.attributes.get("box_auth.lock.wait_duration") == .double(waited))

            // Another cache (another process) over the same file: the file answers, without its lock.
            let other = try Self.cache(ScriptedTransport(.token("never-asked")), tracer: tracer, store: store)
            _ = try await other.token()
            let second = try #require(tracer.popFinishedSpans().named("box_auth.token").first)
            #expect(second.attributes.text("box_auth.tier") == "file")
            #expect(second.attributes.get("box_auth.lock.waited") == .bool(false))
            #expect(second.events.isEmpty)
            #expect((spans + [second]).attributes(containing: Self.secrets).isEmpty)
        }
    }
}
