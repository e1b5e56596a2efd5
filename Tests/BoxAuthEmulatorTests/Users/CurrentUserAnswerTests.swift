import BoxAuth
import BoxAuthEmulator
import Testing

@Suite("GET /2.0/users/me")
struct CurrentUserAnswerTests {
    @Test("an enterprise token is the app's service account")
    func serviceAccount() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token(harness.jwtForm(try harness.assertion(try harness.claims())))
            let response = try await harness.usersMe(token: token)
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
            let user = try response.jsonObject()
            #expect(user["type"] == .string("user"))
            #expect(user["id"] == .string(EmulatedApp.derivedServiceAccountID(clientID: EmulatorHarness.clientID)))
            #expect(user["login"]?.stringValue?.hasPrefix("AutomationUser_") == true)
            #expect(user["name"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("a user token is that user, over either grant", arguments: ["jwt", "client-credentials"])
    func userToken(grant: String) async throws {
        try await EmulatorHarness.with { harness in
            let form = grant == "jwt"
                ? harness.jwtForm(try harness.assertion(try harness.claims(.user(EmulatorHarness.userID))))
                : harness.clientCredentialsForm(subjectType: "user", subjectID: EmulatorHarness.userID)
            let response = try await harness.usersMe(token: try await harness.token(form))
            #expect(response.status == 200)
            let user = try response.jsonObject()
            #expect(user["id"] == .string(EmulatorHarness.userID))
            #expect(user["name"] == .string("Ada Lovelace"))
        }
    }

    @Test("As-User with an enterprise token answers as that user")
    func asUser() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token(harness.clientCredentialsForm())
            let response = try await harness.usersMe(token: token, asUser: EmulatorHarness.otherUserID)
            #expect(response.status == 200)
            #expect(try response.jsonObject()["id"] == .string(EmulatorHarness.otherUserID))
        }
    }

    @Test("As-User is forbidden for an unknown user or with a user token", arguments: [
        (subject: BoxSubject.enterprise(EmulatorHarness.enterpriseID), asUser: "99999"),
        (subject: BoxSubject.user(EmulatorHarness.userID), asUser: EmulatorHarness.otherUserID),
    ])
    func asUserForbidden(subject: BoxSubject, asUser: String) async throws {
        try await EmulatorHarness.with { harness in
            let form = harness.clientCredentialsForm(subjectType: subject.kind.rawValue, subjectID: subject.id)
            let response = try await harness.usersMe(token: try await harness.token(form), asUser: asUser)
            #expect(response.status == 403)
            let body = try response.jsonObject()
            #expect(body["type"] == .string("error"))
            #expect(body["code"] == .string("access_denied_insufficient_permissions"))
        }
    }

    @Test("an unknown or missing token is 401 with a challenge and no body", arguments: [
        (token: "0123456789abcdef0123456789abcdef" as String?, challenge: "error=\"invalid_token\""),
        (token: nil, challenge: "Bearer realm=\"Service\""),
    ])
    func unauthorized(token: String?, challenge: String) async throws {
        try await EmulatorHarness.with { harness in
            let response = try await harness.usersMe(token: token)
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate")?.contains(challenge) == true)
            #expect(response.body.isEmpty)
        }
    }

    @Test("an expired token is 401")
    func expiredToken() async throws {
        try await EmulatorHarness.with(EmulatorHarness.quietConfiguration(tokenLifetime: 0)) { harness in
            let response = try await harness.postToken(harness.clientCredentialsForm())
            #expect(try response.jsonObject()["expires_in"] == .integer(0))
            let token = try #require(try response.jsonObject()["access_token"]?.stringValue)
            let me = try await harness.usersMe(token: token)
            #expect(me.status == 401)
            #expect(me.header("WWW-Authenticate")?.contains("invalid_token") == true)
        }
    }

    @Test("a developer token is its user")
    func developerToken() async throws {
        try await EmulatorHarness.with { harness in
            let token = await harness.emulator.issueDeveloperToken(userID: "55555")
            let response = try await harness.usersMe(token: token)
            #expect(response.status == 200)
            #expect(try response.jsonObject()["id"] == .string("55555"))
            #expect(await harness.emulator.counters == EmulatorCounters())
        }
    }
}
