import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// BoxEmulator+OAuth.swift: the token lifetime set at runtime, the clock moved, and the counters
/// of the authorization-code flow.
@Suite("BoxEmulator OAuth controls")
struct BoxEmulatorOAuthTests {
    @Test("setTokenLifetime changes expires_in of the next tokens only")
    func tokenLifetime() async throws {
        try await EmulatorFixture.with { fixture in
            await fixture.emulator.setTokenLifetime(0)
            #expect(await fixture.emulator.tokenLifetime == 0)
            let signIn = try await fixture.signIn()
            #expect(signIn["expires_in"] == .integer(0))
            let staleToken = try #require(signIn["access_token"]?.stringValue)
            #expect(try await fixture.usersMe.response(bearer: staleToken).status == 401)
            await fixture.emulator.setTokenLifetime(3600)
            let refreshToken = try #require(signIn["refresh_token"]?.stringValue)
            let refreshed = try await fixture.postToken(fixture.refreshForm(refreshToken)).jsonObject()
            #expect(refreshed["expires_in"] == .integer(3600))
            let token = try #require(refreshed["access_token"]?.stringValue)
            #expect(try await fixture.usersMe.response(bearer: token).status == 200)
            #expect(fixture.emulator.configuration.tokenLifetime == 3600)
        }
    }

    @Test("advanceClock moves the clock offset")
    func advanceClock() async throws {
        try await EmulatorFixture.with { fixture in
            await fixture.emulator.setClockOffset(5)
            await fixture.emulator.advanceClock(by: 30)
            #expect(fixture.emulator.clockOffset == 35)
            await fixture.emulator.advanceClock(by: -40)
            #expect(fixture.emulator.clockOffset == -5)
        }
    }

    @Test("counters add up across the flow, with the other grants")
    func counters() async throws {
        try await EmulatorFixture.with { fixture in
            _ = try await fixture.postToken(fixture.clientCredentialsForm())
            let signIn = try await fixture.signIn()
            _ = try await fixture.authorizationCode()
            let refreshToken = try #require(signIn["refresh_token"]?.stringValue)
            _ = try await fixture.postToken(fixture.refreshForm(refreshToken))
            _ = try await fixture.postToken(fixture.refreshForm(refreshToken))
            _ = try await fixture.postToken(fixture.authorizationCodeForm(code: "unknown"))
            let counters = await fixture.counters
            #expect(counters.tokenRequests == 5)
            #expect(counters.tokensIssued == 3)
            #expect(counters.authorizationCodesIssued == 2)
            #expect(counters.authorizationCodeExchanges == 1)
            #expect(counters.refreshTokenGrants == 1)
            #expect(counters.rejections == ["refresh_token": 1, "code": 1])
            let grants = await fixture.emulator.tokenRequestLog.map(\.grantType)
            #expect(
                grants == [
                    "client_credentials", "authorization_code", "refresh_token", "refresh_token", "authorization_code",
                ])
        }
    }
}
