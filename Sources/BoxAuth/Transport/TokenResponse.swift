import Foundation

/// Turns the token endpoint's HTTP answer into an ``AccessToken`` (and the refresh token, for the
/// OAuth 2.0 grants) or a typed error.
struct TokenResponse: Sendable {
    /// The access token.
    let accessToken: AccessToken
    /// `refresh_token`, when the answer has one.
    let refreshToken: Secret?

    static func decode(
        _ response: TransportResponse, url: String, receivedAt: Date
    ) throws(TokenEndpointError) -> TokenResponse {
        switch response.status {
        case 200..<300:
            return try decodeToken(response, url: url, receivedAt: receivedAt)
        case 300..<400:
            let location = response.header("location") ?? "no Location"
            throw TokenEndpointError(code: .redirected, status: response.status, url: url, detail: "to \(location)")
        default:
            let body = try? JSONDecoder().decode(JSONValue.self, from: response.body).objectValue
            let code: TokenEndpointError.Code =
                response.status == 429 ? .rateLimited : response.status >= 500 ? .serverError : .refused
            throw TokenEndpointError(
                code: code, status: response.status, url: url, boxError: body?["error"]?.stringValue,
                boxErrorDescription: body?["error_description"]?.stringValue,
                retryAfter: response.header("retry-after"),
                serverDate: response.header("date"))
        }
    }

    private static func decodeToken(
        _ response: TransportResponse, url: String, receivedAt: Date
    ) throws(TokenEndpointError) -> TokenResponse {
        func malformed(_ detail: String) -> TokenEndpointError {
            TokenEndpointError(code: .malformedResponse, status: response.status, url: url, detail: detail)
        }
        let contentType = response.header("content-type") ?? "none"
        guard contentType.lowercased().hasPrefix("application/json") else {
            throw malformed("content type \(contentType), expected application/json")
        }
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: response.body) else {
            throw malformed("the body is not JSON")
        }
        guard let fields = body.objectValue else { throw malformed("the body is \(body.typeName), not an object") }
        guard case .string(let token)? = fields["access_token"], !token.isEmpty else {
            throw malformed("no access_token string")
        }
        guard let expiresIn = fields["expires_in"]?.doubleValue, expiresIn > 0, expiresIn.isFinite else {
            throw malformed("no positive expires_in number")
        }
        var tokenType = "bearer"
        switch fields["token_type"] {
        case nil, .null?: break
        case .string(let type)?: tokenType = type
        default: throw malformed("token_type is not a string")
        }
        var restrictedTo: [JSONValue] = []
        switch fields["restricted_to"] {
        case nil, .null?: break
        case .array(let items)?: restrictedTo = items
        default: throw malformed("restricted_to is not an array")
        }
        var refreshToken: Secret?
        switch fields["refresh_token"] {
        case nil, .null?: break
        case .string(let value)? where !value.isEmpty: refreshToken = Secret(value)
        default: throw malformed("refresh_token is not a non-empty string")
        }
        let accessToken = AccessToken(
            value: token, tokenType: tokenType, expiresAt: receivedAt.addingTimeInterval(expiresIn),
            receivedAt: receivedAt, restrictedTo: restrictedTo)
        return TokenResponse(accessToken: accessToken, refreshToken: refreshToken)
    }
}
