import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// `GET /2.0/users/me` over a canned transport: what is sent and how answers are read.
@Suite("CurrentUserRequest")
struct CurrentUserRequestTests {
    static let token = AccessToken(value: "t0k3n", expiresAt: .distantFuture)

    @Test("sends the bearer token, Accept and As-User to {baseURL}/2.0/users/me, and reads the user")
    func readsUser() async throws {
        let transport = ScriptedTransport(
            TransportResponse(
                status: 200, body: Data(#"{"type":"user","id":"33333","name":"Alice Demo","login":"a@x.test"}"#.utf8)))
        let request = CurrentUserRequest(baseURL: URL(string: "https://api.example.test")!, transport: transport)
        let user = try await request.user(token: Self.token, asUser: "44444")
        #expect(user == BoxUser(id: "33333", name: "Alice Demo", login: "a@x.test"))
        let sent = try #require(transport.requests.first)
        #expect(sent.method == "GET")
        #expect(sent.url.absoluteString == "https://api.example.test/2.0/users/me")
        #expect(sent.headers.contains { $0.name == "Authorization" && $0.value == "Bearer t0k3n" })
        #expect(sent.headers.contains { $0.name == "As-User" && $0.value == "44444" })
    }

    @Test("an ID sent as a huge number is kept as its digits; a missing name is '?'")
    func numberID() async throws {
        let transport = ScriptedTransport(TransportResponse(status: 200, body: Data(#"{"id":18446744073709551616}"#.utf8)))
        let user = try await CurrentUserRequest(baseURL: URL(string: "https://api.example.test")!, transport: transport)
            .user(token: Self.token)
        #expect(user.id == "18446744073709551616")
        #expect(user.name == "?")
        #expect(user.login == nil)
    }

    @Test(
        "a refusal or an answer that is not a user throws CurrentUserError with the status",
        arguments: [(401, BoxAuthErrorCategory.refused), (403, .refused), (500, .unavailable), (200, .unavailable)])
    func refused(status: Int, category: BoxAuthErrorCategory) async throws {
        let transport = ScriptedTransport(TransportResponse(status: status, body: Data("[1]".utf8)))
        let error = try await #require(throws: CurrentUserError.self) {
            try await CurrentUserRequest(baseURL: URL(string: "https://api.example.test")!, transport: transport)
                .user(token: Self.token)
        }
        #expect(error.status == status)
        #expect(error.category == category)
        #expect(error.description.hasPrefix("GET /2.0/users/me answered HTTP \(status)."))
    }
}
