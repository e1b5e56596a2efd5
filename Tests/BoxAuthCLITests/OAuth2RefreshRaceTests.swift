import BoxAuth
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing
import BoxAuthEmulator

/// Box's refresh tokens are single use: processes that refresh at the same moment must not spend
/// the same one twice.
@Suite("oauth2 refresh race")
struct OAuth2RefreshRaceTests {
    @Test("16 box-auth token processes after the access token expired: one refresh, all exit 0, one working token")
    func sixteenProcessesOneRefresh() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (signedIn, _) = try await fixture.signIn(environment: environment)
            #expect(signedIn.status == 0, "\(signedIn.stderr)")
            try fixture.expireStoredAccessToken()
            let before = await fixture.counters

            let results = try await ProductProcess.boxAuthAtOnce(
                ["token", "--profiles", fixture.profilesPath], environments: Array(repeating: environment, count: 16))
            let after = await fixture.counters
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
            #expect(after.refreshTokenGrants - before.refreshTokenGrants == 1)
            #expect(after.totalRejections == before.totalRejections)
            let tokens = Set(results.map { $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) })
            #expect(tokens.count == 1)
            let token = try #require(tokens.first)
            let user = try await fixture.currentUser(AccessToken(value: token, expiresAt: .distantFuture))
            #expect(user.id == TestIdentity.userID)
        }
    }
}
