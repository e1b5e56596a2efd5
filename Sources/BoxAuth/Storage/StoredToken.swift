import Foundation

/// An access token as JSON: a token cache file's whole content, and a keyring item's.
package struct StoredToken: Codable {
    package var format = "box-auth-token-cache/1"
    package var accessToken: String
    package var tokenType: String
    package var expiresAt: Double
    package var receivedAt: Double
    package var restrictedTo: [JSONValue]

    /// `token`'s JSON.
    package init(_ token: AccessToken) {
        accessToken = token.value
        tokenType = token.tokenType
        expiresAt = token.expiresAt.timeIntervalSince1970
        receivedAt = token.receivedAt.timeIntervalSince1970
        restrictedTo = token.restrictedTo
    }

    /// The token, or nil when the JSON is not a token of this format.
    package var token: AccessToken? {
        guard format == "box-auth-token-cache/1", !accessToken.isEmpty, expiresAt.isFinite, receivedAt.isFinite else {
            return nil
        }
        return AccessToken(
            value: accessToken, tokenType: tokenType, expiresAt: Date(timeIntervalSince1970: expiresAt),
            receivedAt: Date(timeIntervalSince1970: receivedAt), restrictedTo: restrictedTo)
    }
}
