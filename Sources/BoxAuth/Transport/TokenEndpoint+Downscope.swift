public import Foundation
public import Logging

extension TokenEndpoint {
    /// The token-exchange grant type used for downscoping.
    package static let tokenExchangeGrantType = "urn:ietf:params:oauth:grant-type:token-exchange"
    /// The subject token type of a Box access token.
    package static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"

    /// What a downscoped token may reach: one item by its API URL, or one shared link, or neither.
    public enum DownscopeTarget: Sendable, Hashable {
        /// Any item the original token reaches.
        case any
        /// One file or folder, by API URL (`https://api.box.com/2.0/files/123`).
        case resource(URL)
        /// One shared link (`https://app.box.com/s/...`).
        case sharedLink(String)
    }

    /// Exchanges `token` for one restricted to `scopes` (e.g. `item_preview`, `item_download`) and
    /// `target`. The result carries the scopes Box granted in ``AccessToken/restrictedTo``.
    /// - Throws: ``TokenEndpointError`` when Box refuses (e.g. a scope the token lacks).
    public func downscope(
        _ token: AccessToken, scopes: [String], target: DownscopeTarget = .any, logger: Logger? = nil
    ) async throws -> AccessToken {
        var form = [
            ("grant_type", Self.tokenExchangeGrantType),
            ("subject_token", token.value),
            ("subject_token_type", Self.accessTokenType),
            ("scope", scopes.joined(separator: " ")),
        ]
        switch target {
        case .any: break
        case .resource(let url): form.append(("resource", url.absoluteString))
        case .sharedLink(let link): form.append(("box_shared_link", link))
        }
        return try await requestToken(logger: logger) { _ in form }
    }

    /// Revokes `token` at `{baseURL}/oauth2/revoke`; it stops working at once.
    /// - Throws: ``TokenEndpointError`` when Box refuses, ``TransportError`` when it cannot be reached.
    public func revoke(_ token: AccessToken, credentials: AppCredentials) async throws {
        let url = baseURL.appendingPathComponent("oauth2").appendingPathComponent("revoke")
        let form = [
            ("client_id", credentials.clientID),
            ("client_secret", credentials.clientSecret.exposedValue),
            ("token", token.value),
        ]
        let response = try await transport.send(
            TransportRequest(
                method: "POST", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: FormEncoding.encode(form), timeout: timeout, proxy: proxy))
        guard (200..<300).contains(response.status) else {
            let body = try? JSONDecoder().decode(JSONValue.self, from: response.body).objectValue
            throw TokenEndpointError(
                code: response.status >= 500 ? .serverError : .refused, status: response.status,
                url: url.absoluteString,
                boxError: body?["error"]?.stringValue, boxErrorDescription: body?["error_description"]?.stringValue)
        }
    }
}
