import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Testing

@Suite("GET /2.0/users/me")
struct CurrentUserAnswerTests {
    @Test("an enterprise token is the app's service account")
    func serviceAccount() async throws {
        try await EmulatorFixture.with { fixture in
            let token = try await fixture.token(fixture.jwtForm(try fixture.assertion(try fixture.claims())))
            let response = try await fixture.usersMe.response(bearer: token)
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
            let user = try response.jsonObject()
            #expect(user["type"] == .string("user"))
            #expect(user["id"] == .string(EmulatedApp.derivedServiceAccountID(clientID: TestIdentity.clientID)))
            #expect(user["login"]?.stringValue?.hasPrefix("AutomationUser_") == true)
            #expect(user["name"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("a user token is that user, over either grant", arguments: ["jwt", "client-credentials"])
    func userToken(grant: String) async throws {
        try await EmulatorFixture.with { fixture in
            let form =
                grant == "jwt"
                ? fixture.jwtForm(try fixture.assertion(try fixture.claims(.user(TestIdentity.userID))))
                : fixture.clientCredentialsForm(subjectType: "user", subjectID: TestIdentity.userID)
            let response = try await fixture.usersMe.response(bearer: try await fixture.token(form))
            #expect(response.status == 200)
            let user = try response.jsonObject()
            #expect(user["id"] == .string(TestIdentity.userID))
            #expect(user["name"] == .string("Alice Demo"))
        }
    }

    @Test("As-User with an enterprise token answers as that user")
    func asUser() async throws {
        try await EmulatorFixture.with { fixture in
            let token = try await fixture.token(fixture.clientCredentialsForm())
            let response = try await fixture.usersMe.response(bearer: token, asUser: TestIdentity.otherUserID)
            #expect(response.status == 200)
            #expect(try response.jsonObject()["id"] == .string(TestIdentity.otherUserID))
        }
    }

    @Test(
        "As-User is forbidden for an unknown user or with a user token",
        arguments: [
            (subject: BoxSubject.enterprise(TestIdentity.enterpriseID), asUser: "99999"),
            (subject: BoxSubject.user(TestIdentity.userID), asUser: TestIdentity.otherUserID),
        ])
    func asUserForbidden(subject: BoxSubject, asUser: String) async throws {
        try await EmulatorFixture.with { fixture in
            let form = fixture.clientCredentialsForm(subjectType: subject.kind.rawValue, subjectID: subject.id)
            let response = try await fixture.usersMe.response(bearer: try await fixture.token(form), asUser: asUser)
            #expect(response.status == 403)
            let body = try response.jsonObject()
            #expect(body["type"] == .string("error"))
            #expect(body["code"] == .string("access_denied_insufficient_permissions"))
        }
    }

    @Test(
        "an unknown or missing token is 401 with a challenge and no body",
        arguments: [
            (token: "0123456789abcdef0123456789abcdef" as String?, challenge: "error=\"invalid_token\""),
            (token: nil, challenge: "Bearer realm=\"Service\""),
        ])
    func unauthorized(token: String?, challenge: String) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.usersMe.response(bearer: token)
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate")?.contains(challenge) == true)
            #expect(response.body.isEmpty)
        }
    }

    @Test("an expired token is 401")
    func expiredToken() async throws {
        try await EmulatorFixture.with(EmulatorFixture.quietConfiguration(tokenLifetime: 0)) { fixture in
            let response = try await fixture.postToken(fixture.clientCredentialsForm())
            #expect(try response.jsonObject()["expires_in"] == .integer(0))
            let token = try #require(try response.jsonObject()["access_token"]?.stringValue)
            let me = try await fixture.usersMe.response(bearer: token)
            #expect(me.status == 401)
            #expect(me.header("WWW-Authenticate")?.contains("invalid_token") == true)
        }
    }

    @Test("a developer token is its user")
    func developerToken() async throws {
        try await EmulatorFixture.with { fixture in
            let token = await fixture.emulator.issueDeveloperToken(userID: "55555")
            let response = try await fixture.usersMe.response(bearer: token)
            #expect(response.status == 200)
            #expect(try response.jsonObject()["id"] == .string("55555"))
            #expect(await fixture.emulator.counters == EmulatorCounters())
        }
    }
}

@Suite("BoxEmulator.revokeAccessTokens()")
struct RevokeAccessTokensTests {
    @Test("every live access token answers 401 afterwards; refresh tokens and new tokens still work")
    func revokesLiveTokens() async throws {
        try await EmulatorFixture.with { fixture in
            let first = try await fixture.token(fixture.clientCredentialsForm())
            let second = try await fixture.token(fixture.clientCredentialsForm())
            let grant = try await fixture.signIn()
            let refreshToken = try #require(grant["refresh_token"]?.stringValue)
            let revokedBefore = await fixture.counters.tokensRevoked
            // Two client-credentials tokens, the signed-in user's token, and the sandbox's developer token.
            #expect(await fixture.emulator.revokeAccessTokens() == 4)
            #expect(await fixture.counters.tokensRevoked == revokedBefore + 4)
            for token in [first, second] {
                #expect(try await fixture.usersMe.response(bearer: token).status == 401)
            }
            let fresh = try await fixture.token(fixture.clientCredentialsForm())
            #expect(try await fixture.usersMe.response(bearer: fresh).status == 200)
            let refreshed = try await fixture.postToken(fixture.refreshForm(refreshToken))
            #expect(refreshed.status == 200)
            #expect(await fixture.emulator.revokeAccessTokens() == 2)
        }
    }
}
