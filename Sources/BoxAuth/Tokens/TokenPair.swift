public import Foundation

/// An access token and the refresh token that renews it (OAuth 2.0 authorization code grant).
///
/// Box's refresh tokens are single use: every refresh returns a new pair and the old refresh token
/// stops working at once. Printing a pair (`description`, `dump`, interpolation) shows neither token.
public struct TokenPair: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access token.
    public var accessToken: AccessToken
    /// The refresh token (single use).
    public var refreshToken: Secret
    /// When the refresh token stops working, as far as this client knows (Box's live 60 days).
    public var refreshTokenExpiresAt: Date

    /// How long Box's refresh tokens live: 60 days.
    public static let refreshTokenLifetime: TimeInterval = 60 * 24 * 3600

    /// Creates a pair; the refresh token's expiry defaults to 60 days after the access token arrived.
    public init(accessToken: AccessToken, refreshToken: Secret, refreshTokenExpiresAt: Date? = nil) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.refreshTokenExpiresAt =
            refreshTokenExpiresAt ?? accessToken.receivedAt.addingTimeInterval(Self.refreshTokenLifetime)
    }

    /// Shows the access token's expiry and the refresh token's, never a token.
    public var description: String {
        "TokenPair(access expires \(ISO8601DateFormatter().string(from: accessToken.expiresAt)), "
            + "refresh expires \(ISO8601DateFormatter().string(from: refreshTokenExpiresAt)), <redacted>)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the tokens, so `dump` cannot reveal them.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["accessToken": accessToken, "refreshTokenExpiresAt": refreshTokenExpiresAt],
            displayStyle: .struct)
    }
}
