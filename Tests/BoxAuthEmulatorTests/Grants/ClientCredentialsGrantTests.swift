import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Testing

@Suite("Client credentials grant")
struct ClientCredentialsGrantTests {
    @Test(
        "issues a token for the enterprise and for a known user",
        arguments: [
            BoxSubject.enterprise(TestIdentity.enterpriseID), .user(TestIdentity.userID),
        ])
    func issuesToken(subject: BoxSubject) async throws {
        try await EmulatorFixture.with { fixture in
            let form = fixture.clientCredentialsForm(subjectType: subject.kind.rawValue, subjectID: subject.id)
            let response = try await fixture.postToken(form)
            #expect(response.status == 200)
            let body = try response.jsonObject()
            #expect(body["token_type"] == .string("bearer"))
            #expect(body["expires_in"] == .integer(3600))
            #expect(await fixture.emulator.counters == EmulatorCounters(tokenRequests: 1, tokensIssued: 1))
        }
    }

    @Test(
        "refuses a subject the app does not know, naming 'box_subject_id'",
        arguments: [
            (type: "enterprise", id: "7654321"),
            (type: "user", id: "99999"),
            (type: "user", id: TestIdentity.enterpriseID),
            (type: "enterprise", id: TestIdentity.userID),
        ])
    func refusesUnknownSubject(type: String, id: String) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.postToken(fixture.clientCredentialsForm(subjectType: type, subjectID: id))
            #expect(response.status == 400)
            let body = try response.jsonObject()
            #expect(body["error"] == .string("invalid_grant"))
            #expect(body["error_description"]?.stringValue?.contains("'box_subject_id'") == true)
            #expect(await fixture.emulator.counters.rejections == ["subject": 1])
        }
    }

    @Test(
        "refuses a subject type other than enterprise or user, naming 'box_subject_type'",
        arguments: [
            "admin", "", "Enterprise",
        ])
    func refusesSubjectType(type: String) async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.postToken(fixture.clientCredentialsForm(subjectType: type))
            #expect(response.status == 400)
            let body = try response.jsonObject()
            #expect(body["error"] == .string("invalid_grant"))
            #expect(body["error_description"]?.stringValue?.contains("'box_subject_type'") == true)
            #expect(await fixture.emulator.counters.rejections == ["box_sub_type": 1])
        }
    }

    @Test("refuses a wrong client secret")
    func refusesWrongSecret() async throws {
        try await EmulatorFixture.with { fixture in
            let response = try await fixture.postToken(fixture.clientCredentialsForm(clientSecret: "wrong"))
            #expect(response.status == 400)
            #expect(
                try response.jsonObject() == [
                    "error": .string("invalid_client"),
                    "error_description": .string("The client credentials are invalid"),
                ])
            #expect(await fixture.emulator.counters.rejections == ["invalid_client": 1])
        }
    }
}
