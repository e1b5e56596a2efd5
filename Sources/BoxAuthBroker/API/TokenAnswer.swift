package import BoxAuth
package import Foundation
import Synchronization

/// The JSON a token request is answered with:
/// `{"access_token", "token_type", "expires_at", "as_user"?, "restricted_to"?, "expires_in"}`.
///
/// Written by hand, and all but `expires_in` kept per token (``TokenAnswer/Cache``): a warm
/// request only appends a number, which keeps the broker near a bare route's speed.
package enum TokenAnswer {
    /// The answer for `token`, as of `now`.
    package static func body(_ token: AccessToken, asUser: String?, downscoped: Bool, now: Date) -> Data {
        complete(head(token, asUser: asUser, downscoped: downscoped), token: token, now: now)
    }

    /// Everything but `expires_in`: `{"access_token":...,"expires_at":...,` (its members end with a comma).
    static func head(_ token: AccessToken, asUser: String?, downscoped: Bool) -> String {
        var text = "{\"access_token\":" + JSONText.quoted(token.value)
        text += ",\"token_type\":" + JSONText.quoted(token.tokenType.lowercased())
        text += ",\"expires_at\":\"" + rfc3339(token.expiresAt) + "\","
        if let asUser { text += "\"as_user\":" + JSONText.quoted(asUser) + "," }
        if downscoped || !token.restrictedTo.isEmpty {
            text += "\"restricted_to\":" + JSONValue.array(token.restrictedTo).jsonText + ","
        }
        return text
    }

    /// `head` and `"expires_in": N}`.
    static func complete(_ head: String, token: AccessToken, now: Date) -> Data {
        let seconds = Int64(max(0, token.expiresAt.timeIntervalSince(now).rounded(.down)))
        var text = head
        text += "\"expires_in\":"
        text += String(seconds)
        text += "}"
        return Data(text.utf8)
    }

    /// `date` as RFC 3339 in UTC, to the second (`2026-12-06T22:00:00Z`).
    package static func rfc3339(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }

    /// The head of the last token answered, so that a warm request does not encode it again.
    package final class Cache: Sendable {
        private let last = Mutex<(value: String, head: String)?>(nil)

        package init() {}

        /// The answer for `token`.
        package func body(_ token: AccessToken, asUser: String?, downscoped: Bool, now: Date) -> Data {
            let cached = last.withLock { last in last?.value == token.value ? last?.head : nil }
            let head = cached ?? TokenAnswer.head(token, asUser: asUser, downscoped: downscoped)
            if cached == nil { last.withLock { $0 = (token.value, head) } }
            return TokenAnswer.complete(head, token: token, now: now)
        }
    }
}
