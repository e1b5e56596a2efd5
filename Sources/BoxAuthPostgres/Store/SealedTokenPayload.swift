import BoxAuth
import Foundation

/// What a row's ciphertext holds: the token, the time it lives, and for OAuth 2.0 the refresh
/// token. Expiry comes from the row (server clock), so machines' clocks need not agree.
struct SealedTokenPayload: Codable {
    var format = "box-auth-shared-token/1"
    var accessToken: String
    var tokenType: String
    var lifetime: Double
    var restrictedTo: [JSONValue]
    var refreshToken: String?
    var refreshTokenExpiresAt: Double?

    init(_ token: AccessToken) {
        accessToken = token.value
        tokenType = token.tokenType
        lifetime = token.lifetime
        restrictedTo = token.restrictedTo
    }

    init(_ pair: TokenPair) {
        self.init(pair.accessToken)
        refreshToken = pair.refreshToken.exposedValue
        refreshTokenExpiresAt = pair.refreshTokenExpiresAt.timeIntervalSince1970
    }

    /// The access token, expiring `expiresIn` seconds after `now`.
    func token(expiresIn: Double, now: Date) -> AccessToken? {
        guard format == "box-auth-shared-token/1", !accessToken.isEmpty, lifetime.isFinite, expiresIn.isFinite else {
            return nil
        }
        let expiresAt = now.addingTimeInterval(expiresIn)
        return AccessToken(
            value: accessToken, tokenType: tokenType, expiresAt: expiresAt,
            receivedAt: expiresAt.addingTimeInterval(-lifetime), restrictedTo: restrictedTo)
    }

    /// The token pair, or nil when the row holds an access token only.
    func pair(expiresIn: Double, now: Date) -> TokenPair? {
        guard let token = token(expiresIn: expiresIn, now: now), let refreshToken, !refreshToken.isEmpty,
            let refreshTokenExpiresAt, refreshTokenExpiresAt.isFinite
        else { return nil }
        return TokenPair(
            accessToken: token, refreshToken: Secret(refreshToken),
            refreshTokenExpiresAt: Date(timeIntervalSince1970: refreshTokenExpiresAt))
    }
}
