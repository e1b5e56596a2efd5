import BoxAuth

/// The body of a successful token response, as Box sends it.
struct TokenGrantResponse: Sendable {
    /// `access_token`.
    let accessToken: String
    /// `expires_in`, in seconds.
    let expiresIn: Int
    /// `restricted_to`: what a downscoped token may do; empty otherwise.
    var restrictedTo: [JSONValue] = []
    /// `refresh_token`: sent by the authorization-code and refresh-token grants only.
    var refreshToken: String? = nil

    /// `{"access_token": ..., "expires_in": ..., "token_type": "bearer", "restricted_to": [...]}`,
    /// with `"refresh_token": ...` when there is one.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "access_token": .string(accessToken), "expires_in": .integer(Int64(expiresIn)),
            "token_type": .string("bearer"), "restricted_to": .array(restrictedTo),
        ]
        if let refreshToken { members["refresh_token"] = .string(refreshToken) }
        return .object(members)
    }
}
