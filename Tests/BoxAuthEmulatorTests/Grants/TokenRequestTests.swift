import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Testing

@Suite("Token requests")
struct TokenRequestTests {
    @Test(
        "refuses a grant type it does not support",
        arguments: [
            [("grant_type", "password"), ("code", "abc")],
            [("grant_type", "")],
            [("client_id", TestIdentity.clientID)],
        ])
    func refusesUnsupportedGrant(fields: [(String, String)]) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.postToken(fields)
            #expect(response.status == 400)
            let body = try response.jsonObject()
            #expect(body["error"] == .string("unsupported_grant_type"))
            #expect(body["error_description"]?.stringValue?.contains("grant_type") == true)
            #expect(
                await fixture.emulator.counters == EmulatorCounters(tokenRequests: 1, rejections: ["grant_type": 1]))
        }
    }

    @Test(
        "refuses missing client credentials",
        arguments: [
            [("client_secret", TestIdentity.clientSecret)],
            [("client_id", TestIdentity.clientID)],
            [("client_id", TestIdentity.clientID), ("client_secret", "")],
        ])
    func refusesMissingClientCredentials(credentials: [(String, String)]) async throws {
        try await EmulatorFixture.with { fixture in
            let fields =
                [
                    ("grant_type", "client_credentials"), ("box_subject_type", "enterprise"),
                    ("box_subject_id", TestIdentity.enterpriseID),
                ] + credentials
            let response = try await fixture.postToken(fields)
            #expect(response.status == 400)
            #expect(try response.jsonObject()["error"] == .string("invalid_client"))
            #expect(await fixture.emulator.counters.rejections == ["invalid_client": 1])
        }
    }

    @Test("refuses a JWT bearer request without an assertion")
    func refusesMissingAssertion() async throws {
        try await EmulatorFixture.with { fixture in
            let fields = fixture.jwtForm("").filter { $0.0 != "assertion" }
            let response = try await fixture.postToken(fields)
            #expect(response.status == 400)
            let body = try response.jsonObject()
            #expect(body["error"] == .string("invalid_request"))
            #expect(body["error_description"]?.stringValue?.contains("'assertion'") == true)
        }
    }

    @Test("token responses are never cached")
    func noStore() async throws {
        try await EmulatorFixture.with { fixture in
            let granted = try await fixture.postToken(fixture.clientCredentialsForm())
            let refused = try await fixture.postToken(fixture.clientCredentialsForm(clientSecret: "wrong"))
            #expect(granted.header("Cache-Control") == "no-store")
            #expect(refused.header("Cache-Control") == "no-store")
        }
    }
}
