public import Foundation

/// `GET /2.0/users/me`: which Box user a token acts as.
///
/// It needs only a base URL and an ``HTTPTransport``, so any app can check a token or say who
/// signed in:
/// ```swift
/// let me = CurrentUserRequest(baseURL: profile.options.baseURL, transport: profile.transport)
/// let user = try await me.user(token: try await profile.accessToken(), asUser: profile.options.asUser)
/// print("acts as \(user.name) (\(user.id))")
/// ```
public struct CurrentUserRequest: Sendable {
    /// The API's base URL (`https://api.box.com` for Box).
    public let baseURL: URL
    /// The transport the request goes through.
    public let transport: any HTTPTransport
    /// Seconds to wait for the answer.
    public let timeout: TimeInterval
    /// The proxies the request goes through (direct by default; a profile's are
    /// `profile.options.proxy`).
    public let proxy: ProxyConfiguration

    /// A request to the API at `baseURL` through `transport` (and `proxy`).
    public init(
        baseURL: URL, transport: any HTTPTransport, timeout: TimeInterval = 30, proxy: ProxyConfiguration = .direct
    ) {
        self.proxy = proxy
        self.baseURL = baseURL
        self.transport = transport
        self.timeout = timeout
    }

    /// `{baseURL}/2.0/users/me`.
    public var url: URL {
        baseURL.appendingPathComponent("2.0").appendingPathComponent("users").appendingPathComponent("me")
    }

    /// The request as sent: `Authorization: Bearer` with `token` (none when nil), `Accept:
    /// application/json`, and `As-User` when `asUser` is set.
    public func transportRequest(token: AccessToken?, asUser: String? = nil) -> TransportRequest {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token.value)")) }
        headers.append(("Accept", "application/json"))
        if let asUser { headers.append(("As-User", asUser)) }
        return TransportRequest(method: "GET", url: url, headers: headers, timeout: timeout, proxy: proxy)
    }

    /// Box's answer as it came, whatever its status (for callers that check the status themselves).
    /// - Throws: ``TransportError`` when Box cannot be reached.
    public func response(token: AccessToken?, asUser: String? = nil) async throws -> TransportResponse {
        try await transport.send(transportRequest(token: token, asUser: asUser))
    }

    /// The user `token` acts as (the user named by `asUser`, when set).
    /// - Throws: ``CurrentUserError`` unless Box answers 200 with a JSON object;
    ///   ``TransportError`` when Box cannot be reached.
    public func user(token: AccessToken, asUser: String? = nil) async throws -> BoxUser {
        let response = try await response(token: token, asUser: asUser)
        guard response.status == 200, let body = try? JSONDecoder().decode(Body.self, from: response.body) else {
            throw CurrentUserError(status: response.status)
        }
        return BoxUser(id: body.id?.text ?? "?", name: body.name ?? "?", login: body.login)
    }

    /// The members of the answer read; each may be missing or of another type.
    private struct Body: Decodable {
        let id: JSONIdentifier?
        let name: String?
        let login: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try? container.decodeIfPresent(JSONIdentifier.self, forKey: .id)
            name = try? container.decodeIfPresent(String.self, forKey: .name)
            login = try? container.decodeIfPresent(String.self, forKey: .login)
        }

        private enum CodingKeys: String, CodingKey { case id, name, login }
    }
}
