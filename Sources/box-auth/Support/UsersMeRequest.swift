import BoxAuth
import Foundation

/// `GET /2.0/users/me` with a token: who the token acts as.
struct UsersMeRequest {
    /// The user Box answered with: text from a server, escaped for one line of a terminal.
    struct User {
        /// The user's ID, digits as sent (an ID sent as a number of any size is kept as text).
        let id: String
        /// The user's name, control characters and line breaks escaped.
        let name: String

        init(id: String, name: String) {
            self.id = MessageText.escaped(id)
            self.name = MessageText.escaped(name)
        }
    }

    /// The members of the answer the CLI shows; each may be missing or of another type.
    private struct Body: Decodable {
        let id: JSONIdentifier?
        let name: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try? container.decodeIfPresent(JSONIdentifier.self, forKey: .id)
            name = try? container.decodeIfPresent(String.self, forKey: .name)
        }

        private enum CodingKeys: String, CodingKey { case id, name }
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
        guard response.status == 200, let body = try? JSONDecoder().decode(Body.self, from: response.body)
        else { throw Failure(status: response.status) }
        return User(id: body.id?.text ?? "?", name: body.name ?? "?")
    }
}
