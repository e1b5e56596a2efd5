import BoxAuth
import Foundation

/// `GET /2.0/users/me` with a token: who the token acts as.
struct UsersMeRequest {
    /// The user Box answered with.
    struct User {
        let id: String
        let name: String
    }

    /// The API refused the token or answered something else.
    struct Failure: BoxAuthError {
        let status: Int
        var category: BoxAuthErrorCategory { status == 401 || status == 403 ? .refused : .unavailable }
        var description: String { "GET /2.0/users/me answered HTTP \(status)." }
    }

    let baseURL: URL
    let transport: any HTTPTransport

    func send(token: AccessToken, asUser: String?) async throws -> User {
        var headers = [("Authorization", "Bearer \(token.value)"), ("Accept", "application/json")]
        if let asUser { headers.append(("As-User", asUser)) }
        let url = baseURL.appendingPathComponent("2.0").appendingPathComponent("users").appendingPathComponent("me")
        let response = try await transport.send(
            TransportRequest(method: "GET", url: url, headers: headers.map { ($0.0, $0.1) }))
        guard response.status == 200,
            let body = try? JSONDecoder().decode(JSONValue.self, from: response.body).objectValue
        else { throw Failure(status: response.status) }
        let id = body["id"]?.stringValue ?? body["id"]?.doubleValue.map { String(Int64($0)) } ?? "?"
        return User(id: id, name: body["name"]?.stringValue ?? "?")
    }
}
