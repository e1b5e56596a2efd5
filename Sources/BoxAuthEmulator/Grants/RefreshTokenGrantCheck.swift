import Foundation

/// The refresh-token grant (`refresh_token`, RFC 6749 §6): what the form presents, and the checks
/// of the stored refresh token it spends. Refresh tokens rotate: each is good for one grant.
struct RefreshTokenGrantCheck: Sendable {
    /// The `grant_type` value.
    static let grantType = "refresh_token"

    /// The app whose client credentials were accepted.
    let app: EmulatedApp
    /// `refresh_token`.
    let refreshToken: String

    /// Reads the form of an authenticated `app`.
    /// - Throws: ``TokenRejection/missingParameter(_:)`` when `refresh_token` is missing.
    init(_ request: TokenRequest, app: EmulatedApp) throws(TokenRejection) {
        guard let refreshToken = request.value("refresh_token"), !refreshToken.isEmpty else {
            throw .missingParameter("refresh_token")
        }
        self.app = app
        self.refreshToken = refreshToken
    }

    /// Checks `stored` (already spent), which expires at `expiresAt`, at `now`.
    /// - Throws: ``TokenRejection/refreshTokenExpired`` once it expired.
    func check(expiresAt: Date, now: Date) throws(TokenRejection) {
        guard now < expiresAt else { throw .refreshTokenExpired }
    }
}

extension TokenRejection {
    /// The refresh token is unknown, used before, revoked, or another app's.
    static let invalidRefreshToken = TokenRejection(
        reason: "refresh_token", error: "invalid_grant", description: "Invalid refresh token")

    /// The refresh token is older than its lifetime (60 days by default).
    static let refreshTokenExpired = TokenRejection(
        reason: "refresh_token", error: "invalid_grant", description: "Refresh token has expired")
}
