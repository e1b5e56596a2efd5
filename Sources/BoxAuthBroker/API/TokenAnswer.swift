package import BoxAuth
package import Foundation

/// The JSON a token request is answered with:
/// `{"access_token", "token_type", "expires_at", "expires_in", "as_user"?, "restricted_to"?}`.
package enum TokenAnswer {
    /// The answer for `token`, as of `now`.
    package static func json(_ token: AccessToken, asUser: String?, downscoped: Bool, now: Date) -> JSONValue {
        var members: [String: JSONValue] = [
            "access_token": .string(token.value),
            "token_type": .string(token.tokenType.lowercased()),
            "expires_at": .string(Self.rfc3339(token.expiresAt)),
            "expires_in": .integer(Int64(max(0, token.expiresAt.timeIntervalSince(now).rounded(.down)))),
        ]
        if let asUser { members["as_user"] = .string(asUser) }
        if downscoped || !token.restrictedTo.isEmpty { members["restricted_to"] = .array(token.restrictedTo) }
        return .object(members)
    }

    /// `date` as RFC 3339 in UTC, to the second (`2026-12-06T22:00:00Z`).
    package static func rfc3339(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }
}
