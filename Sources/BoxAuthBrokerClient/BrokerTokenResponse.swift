import BoxAuth
import Foundation

/// Reads the broker's token answer:
/// `{"access_token": "...", "token_type": "bearer", "expires_at": "2026-12-06T22:00:00Z", "expires_in": 3599,
///   "as_user": "123", "restricted_to": [...]}`.
///
/// The token expires at `expires_at` (RFC 3339, the broker's clock, which is this machine's);
/// `expires_in` and `as_user` are not needed.
enum BrokerTokenResponse {
    /// What is wrong with an answer, in words that never hold the token.
    struct Malformed: Error {
        let detail: String
    }

    /// The token in `body`, received at `receivedAt`.
    /// - Throws: ``Malformed`` when the body is not JSON, or `access_token` or `expires_at` is
    ///   missing, of the wrong type, empty, not a date, or already past.
    static func accessToken(from body: Data, receivedAt: Date) throws(Malformed) -> AccessToken {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw Malformed(detail: "the body is not JSON")
        }
        guard let fields = json.objectValue else {
            throw Malformed(detail: "the body is \(json.typeName), not an object")
        }
        guard case .string(let value)? = fields["access_token"], !value.isEmpty else {
            throw Malformed(detail: "no access_token string")
        }
        guard case .string(let expiresAtText)? = fields["expires_at"] else {
            throw Malformed(detail: "no expires_at string")
        }
        guard let expiresAt = date(expiresAtText) else {
            throw Malformed(
                detail: "expires_at \(MessageText.quoted(String(expiresAtText.prefix(40)))) is not an RFC 3339 date")
        }
        guard expiresAt > receivedAt else {
            throw Malformed(detail: "expires_at \(MessageText.quoted(expiresAtText)) is already past")
        }
        var tokenType = "bearer"
        switch fields["token_type"] {
        case nil, .null?: break
        case .string(let type)?: tokenType = type
        default: throw Malformed(detail: "token_type is not a string")
        }
        var restrictedTo: [JSONValue] = []
        switch fields["restricted_to"] {
        case nil, .null?: break
        case .array(let items)?: restrictedTo = items
        default: throw Malformed(detail: "restricted_to is not an array")
        }
        return AccessToken(
            value: value, tokenType: tokenType, expiresAt: expiresAt, receivedAt: receivedAt, restrictedTo: restrictedTo
        )
    }

    /// An RFC 3339 date-time (`2026-12-06T22:00:00Z`, with or without fractional seconds, any offset).
    static func date(_ text: String) -> Date? {
        guard text.utf8.count <= 40 else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
