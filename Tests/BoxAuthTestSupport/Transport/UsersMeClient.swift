import BoxAuth
import Foundation

/// `GET /2.0/users/me` with a bearer token, as a user calls it to prove a token works.
public struct UsersMeClient: Sendable {
    /// Who the token acts as.
    public struct User: Equatable, Sendable {
        /// The user's ID.
        public let id: String
        /// The user's name.
        public let name: String
    }

    /// The API answered something other than 200 with a user.
    public struct Refused: Error, CustomStringConvertible {
        /// The HTTP status.
        public let status: Int
        /// `GET /2.0/users/me answered HTTP 401`.
        public var description: String { "GET /2.0/users/me answered HTTP \(status)" }
    }

    /// The API's base URL.
    public let baseURL: URL
    /// The transport requests go through.
    public let transport: any HTTPTransport

    /// A client for the API at `baseURL`.
    public init(baseURL: URL, transport: any HTTPTransport) {
        self.baseURL = baseURL
        self.transport = transport
    }

    /// The raw answer for bearer `token` (none when nil) and an optional `As-User`.
    public func response(token: String?, asUser: String? = nil) async throws -> TransportResponse {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let asUser { headers.append(("As-User", asUser)) }
        return try await transport.send(
            TransportRequest(
                method: "GET", url: baseURL.appendingPathComponent("2.0/users/me"), headers: headers, timeout: 30))
    }

    /// The user `token` acts as.
    /// - Throws: ``Refused`` unless the API answered 200 with a user.
    public func user(token: AccessToken, asUser: String? = nil) async throws -> User {
        let response = try await response(token: token.value, asUser: asUser)
        guard response.status == 200, let body = try? response.jsonObject(), let id = body["id"]?.stringValue
        else { throw Refused(status: response.status) }
        return User(id: id, name: body["name"]?.stringValue ?? "")
    }
}

extension TransportResponse {
    /// The body as a JSON object.
    /// - Throws: When the body is not a JSON object.
    public func jsonObject() throws -> [String: JSONValue] {
        guard let object = try JSONDecoder().decode(JSONValue.self, from: body).objectValue else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a JSON object"))
        }
        return object
    }
}
