import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("Authorization code grant")
struct AuthorizationCodeGrantTests {
    /// Expects Box's `invalid_grant` refusal with `description`.
    static func expectInvalidGrant(_ response: TransportResponse, _ description: String) throws {
        #expect(response.status == 400)
        let body = try response.jsonObject()
        #expect(body["error"] == .string("invalid_grant"))
        #expect(body["error_description"] == .string(description))
    }

    @Test(
        "exchanges a code for tokens acting as the chosen user",
        arguments: [("33333", "Alice Demo"), ("44444", "Bob Demo")])
    func exchange(userID: String, name: String) async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode(userID: userID)
            let response = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
            #expect(response.status == 200)
            let body = try response.jsonObject()
            #expect(Set(body.keys) == ["access_token", "expires_in", "restricted_to", "refresh_token", "token_type"])
            #expect(body["token_type"] == .string("bearer"))
            #expect(body["expires_in"] == .integer(3600))
            #expect(body["restricted_to"] == .array([]))
            let accessToken = try #require(body["access_token"]?.stringValue)
            #expect(body["refresh_token"]?.stringValue?.isEmpty == false)
            #expect(body["refresh_token"] != body["access_token"])
            let user = try await fixture.currentUser(
                AccessToken(value: accessToken, expiresAt: Date().addingTimeInterval(3600)))
            #expect(user.id == userID)
            #expect(user.name == name)
            // A user token may not act as another user.
            #expect(try await fixture.usersMe.response(bearer: accessToken, asUser: "33333").status == 403)
        }
    }

    @Test("a code is single use")
    func reusedCode() async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode()
            #expect(try await fixture.postToken(fixture.authorizationCodeForm(code: code)).status == 200)
            let again = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
            try Self.expectInvalidGrant(again, "Auth code doesn't exist or is invalid for the client")
            let unknown = try await fixture.postToken(fixture.authorizationCodeForm(code: "no-such-code"))
            try Self.expectInvalidGrant(unknown, "Auth code doesn't exist or is invalid for the client")
            #expect(await fixture.counters.rejections == ["code": 2])
        }
    }

    @Test("a code older than 30 s on the emulator's clock has expired")
    func expiredCode() async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode()
            await fixture.emulator.advanceClock(by: 31)
            let response = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
            try Self.expectInvalidGrant(response, "The authorization code has expired")
        }
    }

    @Test(
        "a verifier that is missing or does not match the challenge is refused, and the code is spent",
        arguments: [nil, TestPKCE.otherVerifier, "short"])
    func pkceMismatch(verifier: String?) async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode()
            let response = try await fixture.postToken(fixture.authorizationCodeForm(code: code, verifier: verifier))
            try Self.expectInvalidGrant(response, "Invalid code_verifier")
            let retry = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
            try Self.expectInvalidGrant(retry, "Auth code doesn't exist or is invalid for the client")
            #expect(await fixture.counters.rejections == ["code_verifier": 1, "code": 1])
        }
    }

    @Test("without a challenge, no verifier is needed and one sent is refused")
    func noChallenge() async throws {
        try await EmulatorFixture.with { fixture in
            let parameters = fixture.authorizationParameters(challenge: nil)
            let plain = try await fixture.authorizationCode(parameters)
            #expect(
                try await fixture.postToken(fixture.authorizationCodeForm(code: plain, verifier: nil)).status == 200)
            let code = try await fixture.authorizationCode(parameters)
            let response = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
            #expect(response.status == 400)
            #expect(
                try response.jsonObject()["error_description"]?.stringValue?.hasPrefix("Invalid code_verifier") == true)
        }
    }

    @Test(
        "a redirect URI other than the authorization request's is refused",
        arguments: [nil, "http://127.0.0.1:1/callback", TestPKCE.redirectURI + "/"])
    func redirectMismatch(redirectURI: String?) async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode()
            let response = try await fixture.postToken(
                fixture.authorizationCodeForm(code: code, redirectURI: redirectURI))
            try Self.expectInvalidGrant(
                response, "The redirect URI is missing or does not match the one used in the authorization request")
            #expect(await fixture.counters.rejections == ["redirect_uri": 1])
        }
    }

    @Test("client authentication comes first, and another app cannot redeem the code")
    func clientChecks() async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode()
            let wrongSecret = try await fixture.postToken(fixture.authorizationCodeForm(code: code, clientSecret: "x"))
            #expect(try wrongSecret.jsonObject()["error"] == .string("invalid_client"))
            await fixture.emulator.register(
                EmulatedApp(clientID: "other-app", clientSecret: "other-secret", enterpriseID: nil, publicKeys: [:]))
            var form = fixture.authorizationCodeForm(code: code)
            form = form.map { $0.0 == "client_id" ? ("client_id", "other-app") : $0 }
            form = form.map { $0.0 == "client_secret" ? ("client_secret", "other-secret") : $0 }
            try Self.expectInvalidGrant(
                try await fixture.postToken(form), "Auth code doesn't exist or is invalid for the client")
            // The stranger did not burn the code.
            #expect(try await fixture.postToken(fixture.authorizationCodeForm(code: code)).status == 200)
            let missing = try await fixture.postToken(
                fixture.authorizationCodeForm(code: code).filter { $0.0 != "code" })
            #expect(try missing.jsonObject()["error"] == .string("invalid_request"))
        }
    }
}
