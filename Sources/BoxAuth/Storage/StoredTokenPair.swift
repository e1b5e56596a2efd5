import Foundation

/// A token pair as JSON: the pair file's whole content, and the pair inside a recovery file.
struct StoredTokenPair: Codable {
    var format = "box-auth-token-pair/1"
    var accessToken: String
    var tokenType: String
    var expiresAt: Double
    var receivedAt: Double
    var refreshToken: String
    var refreshTokenExpiresAt: Double

    init(_ pair: TokenPair) {
        accessToken = pair.accessToken.value
        tokenType = pair.accessToken.tokenType
        expiresAt = pair.accessToken.expiresAt.timeIntervalSince1970
        receivedAt = pair.accessToken.receivedAt.timeIntervalSince1970
        refreshToken = pair.refreshToken.exposedValue
        refreshTokenExpiresAt = pair.refreshTokenExpiresAt.timeIntervalSince1970
    }

    var pair: TokenPair? {
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
