import BoxAuth
import BoxAuthURLSession
import Foundation

/// `GET /2.0/users/me` with a bearer token, as a user would call it to prove a token works.
struct UsersMe {
    /// Who the token acts as.
    struct User: Equatable {
        let id: String
        let name: String
    }

    /// The API answered something other than 200 with a user.
    struct Refused: Error, CustomStringConvertible {
        let status: Int
        var description: String { "GET /2.0/users/me answered HTTP \(status)" }
    }

    let baseURL: URL
    var transport: any HTTPTransport = URLSessionTransport()

    func send(token: AccessToken) async throws -> User {
        let url = baseURL.appendingPathComponent("2.0").appendingPathComponent("users").appendingPathComponent("me")
        let response = try await transport.send(
            TransportRequest(method: "GET", url: url, headers: [("Authorization", "Bearer \(token.value)")]))
        guard response.status == 200,
            let body = try JSONDecoder().decode(JSONValue.self, from: response.body).objectValue,
            let id = body["id"]?.stringValue
        else { throw Refused(status: response.status) }
        return User(id: id, name: body["name"]?.stringValue ?? "")
    }
}
