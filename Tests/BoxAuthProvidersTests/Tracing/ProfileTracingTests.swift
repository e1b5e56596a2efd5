@_spi(Plumbing) import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import InMemoryTracing
import Testing
import Tracing

/// A profile's token requests against the emulator, traced by an `InMemoryTracer` given to the
/// registry (never bootstrapped globally).
@Suite("Profile tracing")
struct ProfileTracingTests {
    static let entry = #"{"provider": "jwt", "configFile": "box_config.json"}"#

    /// The standard registry tracing to `tracer`.
    static func registry(_ tracer: InMemoryTracer) -> AuthProviderRegistry {
        var registry = AuthProviderRegistry.standard
        registry.tracer = tracer
        return registry
    }

    /// What must appear in no attribute: the token, the app's secret, the assertions sent, the
    /// subject's ID.
    static func secrets(_ workspace: EmulatorFixture, token: String?) -> [String] {
        [workspace.config.clientSecret.exposedValue, workspace.config.enterpriseID ?? "-", workspace.serviceAccountID]
            + workspace.transport.sentValues(of: "assertion") + (token.map { [$0] } ?? [])
    }

    @Test("a JWT profile's cold fetch: box_auth.token with a POST client span under it; a memory hit records nothing")
    func coldFetch() async throws {
        try await EmulatorFixture.with { workspace in
            let tracer = InMemoryTracer()
            let profile = try workspace.profile(Self.entry, registry: Self.registry(tracer))
            let token = try await profile.accessToken()
            let spans = tracer.popFinishedSpans()
            let parent = try #require(spans.named("box_auth.token").first)
            #expect(parent.attributes.text("box_auth.profile") == "test")
            #expect(parent.attributes.text("box_auth.provider") == "jwt")
            #expect(parent.attributes.text("box_auth.subject.type") == "enterprise")
            #expect(parent.attributes.text("box_auth.tier") == "network")
            let attempt = try #require(spans.children(of: parent).first)
            #expect(attempt.operationName == "POST")
            #expect(attempt.kind == .client)
            #expect(attempt.attributes.text("http.request.method") == "POST")
            #expect(attempt.attributes.text("server.address") == workspace.baseURL.host)
            #expect(attempt.attributes.text("server.port") == workspace.baseURL.port.map(String.init))
            #expect(attempt.attributes.text("url.template") == "/oauth2/token")
            #expect(attempt.attributes.text("http.response.status_code") == "200")
            #expect(spans.attributes(containing: Self.secrets(workspace, token: token.value)).isEmpty)

            _ = try await profile.accessToken()
            #expect(tracer.finishedSpans.isEmpty)
        }
    }

    @Test("an emulated 503 then a token: two attempts, the second with http.request.resend_count 1")
    func retried() async throws {
        try await EmulatorFixture.with { workspace in
            let tracer = InMemoryTracer()
            await workspace.emulator.injectFaults(.status(503))
            let profile = try workspace.profile(Self.entry, registry: Self.registry(tracer))
            let token = try await RetryClock.$current.withValue(.immediate()) { try await profile.accessToken() }
            let spans = tracer.popFinishedSpans()
            let parent = try #require(spans.named("box_auth.token").first)
            let attempts = spans.children(of: parent)
            try #require(attempts.count == 2)
            #expect(attempts[0].attributes.text("error.type") == "503")
            #expect(attempts[0].status?.code == .error)
            #expect(attempts[0].attributes.get("http.request.resend_count") == nil)
            #expect(attempts[1].attributes.text("http.request.resend_count") == "1")
            #expect(attempts[1].attributes.text("http.response.status_code") == "200")
            #expect(parent.status == nil)
            #expect(spans.attributes(containing: Self.secrets(workspace, token: token.value)).isEmpty)
        }
    }

    @Test("an emulated 400 refusal: error.type \"400\" and an error status on both spans")
    func refused() async throws {
        try await EmulatorFixture.with { workspace in
            let tracer = InMemoryTracer()
            await workspace.emulator.injectFaults(
                .status(400, body: #"{"error": "invalid_grant", "error_description": "refused"}"#))
            let profile = try workspace.profile(Self.entry, registry: Self.registry(tracer))
            await #expect(throws: TokenEndpointError.self) { try await profile.accessToken() }
            let spans = tracer.popFinishedSpans()
            let parent = try #require(spans.named("box_auth.token").first)
            let attempt = try #require(spans.children(of: parent).first)
            #expect(attempt.attributes.text("http.response.status_code") == "400")
            #expect(attempt.attributes.text("error.type") == "400")
            #expect(attempt.status?.code == .error)
            #expect(parent.attributes.text("error.type") == "400")
            #expect(parent.status?.code == .error)
            #expect(spans.attributes(containing: Self.secrets(workspace, token: nil)).isEmpty)
        }
    }
}
