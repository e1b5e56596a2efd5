import BoxAuth

/// The body of a successful token response, as Box sends it.
struct TokenGrantResponse: Sendable {
    /// `access_token`.
    let accessToken: String
    /// `expires_in`, in seconds.
    let expiresIn: Int
    /// `restricted_to`: what a downscoped token may do; empty otherwise.
    var restrictedTo: [JSONValue] = []

    /// `{"access_token": ..., "expires_in": ..., "token_type": "bearer", "restricted_to": [...]}`.
    var json: JSONValue {
        .object([
            "access_token": .string(accessToken), "expires_in": .integer(Int64(expiresIn)),
            "token_type": .string("bearer"), "restricted_to": .array(restrictedTo),
        ])
    }
}
