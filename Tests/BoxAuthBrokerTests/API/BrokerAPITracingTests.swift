import BoxAuth
@testable import BoxAuthBroker
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import InMemoryTracing
import Testing
import Tracing

/// The caller's trace reaches the profiles' token requests: the broker reads the trace context from
/// the request's headers with the registry's tracer (an `InMemoryTracer` here, whose fields stand
/// in for `traceparent`; Hummingbird's `TracingMiddleware` does the same with the bootstrapped one).
@Suite("Broker API tracing")
struct BrokerAPITracingTests {
    @Test("a token request's box_auth.token span is a child of the caller's span, in the caller's trace")
    func callerIsParent() async throws {
        let tracer = InMemoryTracer()
        try await BrokerFixture.with(tracer: tracer) { broker in
            let headers = [
                (InMemoryTracer.traceIDKey, "caller-trace-1"), (InMemoryTracer.spanIDKey, "caller-span-1"),
            ]
            let answer = await broker.send(BrokerFixture.request("GET", "/v1/profiles/service/token", headers: headers))
            #expect(answer.status == 200)
            let token = try #require(answer.accessToken)
            let spans = tracer.popFinishedSpans()
            let span = try #require(spans.named("box_auth.token").first)
            #expect(span.traceID == "caller-trace-1")
            #expect(span.parentSpanID == "caller-span-1")
            #expect(span.attributes.text("box_auth.profile") == "service")
            #expect(span.attributes.text("box_auth.provider") == "jwt")
            let attempt = try #require(spans.children(of: span).first)
            #expect(attempt.traceID == "caller-trace-1")
            #expect(spans.attributes(containing: [token, broker.emulator.config.clientSecret.exposedValue]).isEmpty)

            // Served from the broker's memory: no span.
            _ = await broker.send(BrokerFixture.request("GET", "/v1/profiles/service/token", headers: headers))
            #expect(tracer.finishedSpans.isEmpty)
        }
    }

    @Test("a request without trace context starts a trace of its own")
    func noCallerTrace() async throws {
        let tracer = InMemoryTracer()
        try await BrokerFixture.with(tracer: tracer) { broker in
            #expect(await broker.get("/v1/profiles/service/token").status == 200)
            let span = try #require(tracer.popFinishedSpans().named("box_auth.token").first)
            #expect(span.parentSpanID == nil)
        }
    }
}
