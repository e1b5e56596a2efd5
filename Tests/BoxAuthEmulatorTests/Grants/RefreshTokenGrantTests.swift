import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("Refresh token grant")
struct RefreshTokenGrantTests {
    @Test("rotates: new access and refresh tokens for the same user; the old refresh token is dead at once")
    func rotation() async throws {
        try await EmulatorFixture.with { fixture in
            let signIn = try await fixture.signIn(userID: TestIdentity.otherUserID)
            let first = try #require(signIn["refresh_token"]?.stringValue)
            let response = try await fixture.postToken(fixture.refreshForm(first))
            #expect(response.status == 200)
            let body = try response.jsonObject()
            let second = try #require(body["refresh_token"]?.stringValue)
            let accessToken = try #require(body["access_token"]?.stringValue)
            #expect(second != first)
            #expect(body["access_token"] != signIn["access_token"])
            let user = try await fixture.currentUser(
                AccessToken(value: accessToken, expiresAt: Date().addingTimeInterval(3600)))
            #expect(user.id == TestIdentity.otherUserID)
            let reused = try await fixture.postToken(fixture.refreshForm(first))
            try AuthorizationCodeGrantTests.expectInvalidGrant(reused, "Invalid refresh token")
            // The new one still works, once.
            #expect(try await fixture.postToken(fixture.refreshForm(second)).status == 200)
            try AuthorizationCodeGrantTests.expectInvalidGrant(
                try await fixture.postToken(fixture.refreshForm(second)), "Invalid refresh token")
        }
    }

    @Test("an unknown refresh token, or another app's, is invalid")
    func unknownOrForeign() async throws {
        try await EmulatorFixture.with { fixture in
            try AuthorizationCodeGrantTests.expectInvalidGrant(
                try await fixture.postToken(fixture.refreshForm("no-such-token")), "Invalid refresh token")
            let refreshToken = try #require(try await fixture.signIn()["refresh_token"]?.stringValue)
            await fixture.emulator.register(
                EmulatedApp(clientID: "other-app", clientSecret: "other-secret", enterpriseID: nil, publicKeys: [:]))
            let foreign = fixture.refreshForm(refreshToken, clientID: "other-app", clientSecret: "other-secret")
            try AuthorizationCodeGrantTests.expectInvalidGrant(
                try await fixture.postToken(foreign), "Invalid refresh token")
            let wrongSecret = try await fixture.postToken(fixture.refreshForm(refreshToken, clientSecret: "x"))
            #expect(try wrongSecret.jsonObject()["error"] == .string("invalid_client"))
            #expect(try await fixture.postToken(fixture.refreshForm(refreshToken)).status == 200)
        }
    }

    @Test("a refresh token older than 60 days on the emulator's clock has expired")
    func expired() async throws {
        try await EmulatorFixture.with { fixture in
            let refreshToken = try #require(try await fixture.signIn()["refresh_token"]?.stringValue)
            await fixture.emulator.advanceClock(by: 60 * 86400 + 1)
            try AuthorizationCodeGrantTests.expectInvalidGrant(
                try await fixture.postToken(fixture.refreshForm(refreshToken)), "Refresh token has expired")
            #expect(await fixture.counters.rejections == ["refresh_token": 1])
        }
    }

    @Test("the refresh lifetime is configurable")
    func configuredLifetime() async throws {
        var configuration = EmulatorFixture.quietConfiguration()
        configuration.refreshTokenLifetime = 600
        try await EmulatorFixture.with(configuration) { fixture in
            let refreshToken = try #require(try await fixture.signIn()["refresh_token"]?.stringValue)
            await fixture.emulator.advanceClock(by: 601)
            try AuthorizationCodeGrantTests.expectInvalidGrant(
                try await fixture.postToken(fixture.refreshForm(refreshToken)), "Refresh token has expired")
        }
    }

    @Test("revoking a refresh token kills it; its access token keeps working")
    func revoke() async throws {
        try await EmulatorFixture.with { fixture in
            let signIn = try await fixture.signIn()
            let refreshToken = try #require(signIn["refresh_token"]?.stringValue)
            let accessToken = try #require(signIn["access_token"]?.stringValue)
            let form = [
                ("token", refreshToken), ("client_id", TestIdentity.clientID),
                ("client_secret", TestIdentity.clientSecret),
            ]
            #expect(try await fixture.postToken(form, path: "oauth2/revoke").status == 200)
            try AuthorizationCodeGrantTests.expectInvalidGrant(
                try await fixture.postToken(fixture.refreshForm(refreshToken)), "Invalid refresh token")
            #expect(try await fixture.usersMe.response(bearer: accessToken).status == 200)
            let counters = await fixture.counters
            #expect(counters.refreshTokensRevoked == 1)
            #expect(counters.tokensRevoked == 0)
        }
    }
}
