import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

/// Faults apply to the authorization-code and refresh-token grants as to the others.
@Suite("Faults on OAuth grants")
struct OAuthGrantFaultTests {
    @Test("a fault on a refresh grant answers instead, and leaves the refresh token usable")
    func refreshFault() async throws {
        try await EmulatorFixture.with { fixture in
            let refreshToken = try #require(try await fixture.signIn()["refresh_token"]?.stringValue)
            await fixture.emulator.injectFaults(.status(503))
            let faulted = try await fixture.postToken(fixture.refreshForm(refreshToken))
            #expect(faulted.status == 503)
            #expect(await fixture.emulator.tokenRequestLog.last?.fault == .status(503))
            #expect(try await fixture.postToken(fixture.refreshForm(refreshToken)).status == 200)
            let counters = await fixture.counters
            #expect(counters.tokenRequests == 3)
            #expect(counters.refreshTokenGrants == 1)
        }
    }

    @Test(
        "a 429 on a code exchange leaves the code unspent",
        arguments: [EmulatorFault.tooManyRequests(retryAfter: .seconds(2)), .closeConnection])
    func codeExchangeFault(fault: EmulatorFault) async throws {
        try await EmulatorFixture.with { fixture in
            let code = try await fixture.authorizationCode()
            await fixture.emulator.injectFaults(fault)
            if fault.isAboutConnections {
                await #expect(throws: TransportError.self) {
                    try await fixture.postToken(fixture.authorizationCodeForm(code: code))
                }
            } else {
                let faulted = try await fixture.postToken(fixture.authorizationCodeForm(code: code))
                #expect(faulted.status == 429)
                #expect(faulted.header("Retry-After") == "2")
            }
            #expect(try await fixture.postToken(fixture.authorizationCodeForm(code: code)).status == 200)
        }
    }
}
