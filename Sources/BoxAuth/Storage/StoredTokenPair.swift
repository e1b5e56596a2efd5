import Foundation

/// A token pair as JSON: the pair file's whole content, a keyring item's, and the pair inside a
/// recovery file.
package struct StoredTokenPair: Codable {
    package var format = "box-auth-token-pair/1"
    package var accessToken: String
    package var tokenType: String
    package var expiresAt: Double
    package var receivedAt: Double
    package var refreshToken: String
    package var refreshTokenExpiresAt: Double

    /// `pair`'s JSON.
    package init(_ pair: TokenPair) {
        accessToken = pair.accessToken.value
        tokenType = pair.accessToken.tokenType
        expiresAt = pair.accessToken.expiresAt.timeIntervalSince1970
        receivedAt = pair.accessToken.receivedAt.timeIntervalSince1970
        refreshToken = pair.refreshToken.exposedValue
        refreshTokenExpiresAt = pair.refreshTokenExpiresAt.timeIntervalSince1970
    }

    /// The pair, or nil when the JSON is not a pair of this format.
    package var pair: TokenPair? {
        guard format == "box-auth-token-pair/1", !accessToken.isEmpty, !refreshToken.isEmpty,
            expiresAt.isFinite, receivedAt.isFinite, refreshTokenExpiresAt.isFinite
        else { return nil }
        let token = AccessToken(
            value: accessToken, tokenType: tokenType, expiresAt: Date(timeIntervalSince1970: expiresAt),
            receivedAt: Date(timeIntervalSince1970: receivedAt))
        return TokenPair(
            accessToken: token, refreshToken: Secret(refreshToken),
            refreshTokenExpiresAt: Date(timeIntervalSince1970: refreshTokenExpiresAt))
    }
}
