import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("POST /api/2.0/files/upload_sessions")
struct UploadSessionAnswerTests {
    static func create(_ fixture: EmulatorFixture, bearer: String?, body: String) async throws -> TransportResponse {
        var headers = [(name: "Content-Type", value: "application/json")]
        if let bearer { headers.append((name: "Authorization", value: "Bearer \(bearer)")) }
        return try await fixture.transport.send(
            TransportRequest(
                method: "POST", url: fixture.baseURL.appendingPathComponent("api/2.0/files/upload_sessions"),
                headers: headers, body: Data(body.utf8)))
    }

    static let body = #"{"folder_id": "0", "file_size": 16777217, "file_name": "report.pdf"}"#

    @Test("a valid token gets a session sized in 8 MiB parts")
    func created() async throws {
        try await EmulatorFixture.with { fixture in
            let token = try await fixture.token(fixture.clientCredentialsForm())
            let response = try await Self.create(fixture, bearer: token, body: Self.body)
            #expect(response.status == 201)
            let session = try response.jsonObject()
            #expect(session["type"] == .string("upload_session"))
            #expect(session["total_parts"] == .integer(3))
            #expect(session["part_size"] == .integer(8 * 1024 * 1024))
            #expect(session["id"]?.stringValue?.count == 32)
        }
    }

    @Test(
        "a missing or wrong field is 400",
        arguments: [
            #"{"file_size": 10, "file_name": "a"}"#, #"{"folder_id": "0", "file_size": 0, "file_name": "a"}"#,
            #"{"folder_id": "0", "file_size": 1.5, "file_name": "a"}"#, #"{"folder_id": "0", "file_size": 10}"#,
            "not json",
        ])
    func badRequest(body: String) async throws {
        try await EmulatorFixture.with { fixture in
            let token = try await fixture.token(fixture.clientCredentialsForm())
            let response = try await Self.create(fixture, bearer: token, body: body)
            #expect(response.status == 400)
            #expect(try response.jsonObject()["code"] == .string("bad_request"))
        }
    }

    @Test("no token, an unknown one or a revoked one is 401 with a challenge")
    func unauthorized() async throws {
        try await EmulatorFixture.with { fixture in
            #expect(try await Self.create(fixture, bearer: nil, body: Self.body).status == 401)
            let unknown = try await Self.create(fixture, bearer: "not-a-token", body: Self.body)
            #expect(unknown.status == 401)
            #expect(unknown.header("WWW-Authenticate")?.contains("invalid_token") == true)
            let token = try await fixture.token(fixture.clientCredentialsForm())
            await fixture.emulator.revokeAccessTokens()
            #expect(try await Self.create(fixture, bearer: token, body: Self.body).status == 401)
        }
    }
}
