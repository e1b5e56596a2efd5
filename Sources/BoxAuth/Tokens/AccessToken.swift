public import Foundation

/// An access token for the Box API and when it expires.
///
/// The token string is in ``value``; printing the token (`description`, `dump`, interpolation)
/// never shows it.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    /// The bearer token to send as `Authorization: Bearer <value>`.
    public let value: String
    /// `token_type` as Box sent it (normally `bearer`).
    public let tokenType: String
    /// When the token stops working, computed from `expires_in` at receipt.
    public let expiresAt: Date
    /// When the token was received.
    public let receivedAt: Date
    /// `restricted_to` as Box sent it (scopes and objects of a downscoped token; empty otherwise).
    public let restrictedTo: [JSONValue]

    /// Creates a token.
    public init(
        value: String, tokenType: String = "bearer", expiresAt: Date, receivedAt: Date = Date(),
        restrictedTo: [JSONValue] = []
    ) {
        self.value = value
        self.tokenType = tokenType
        self.expiresAt = expiresAt
        self.receivedAt = receivedAt
        self.restrictedTo = restrictedTo
    }

    /// How long the token was valid for when it arrived.
    public var lifetime: TimeInterval { expiresAt.timeIntervalSince(receivedAt) }

    /// Whether the token is past its expiry at `date`.
    public func isExpired(at date: Date = Date()) -> Bool { date >= expiresAt }

    /// The first characters of the token followed by `…`, for tables where a token must be told
    /// apart from another without being usable.
    public var abbreviated: String { String(value.prefix(4)) + "…" }

    /// Shows the type and expiry, never the token.
    public var description: String {
        "AccessToken(\(tokenType), expires \(ISO8601DateFormatter().string(from: expiresAt)), <redacted>)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the token, so `dump` cannot reveal it.
    public var customMirror: Mirror {
        Mirror(self, children: ["tokenType": tokenType, "expiresAt": expiresAt], displayStyle: .struct)
    }
}
