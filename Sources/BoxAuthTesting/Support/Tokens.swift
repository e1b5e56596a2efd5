import BoxAuth
import Foundation
import Synchronization

/// The tokens and pairs the checks store: fresh ones, and stale ones that are still valid but
/// inside the refresh margin, each value unique to one check.
enum Tokens {
    /// Seconds a token must have left to be fresh.
    static let margin: TimeInterval = 600

    /// Whether `token` has more than ``margin`` left.
    @Sendable static func isFresh(_ token: AccessToken) -> Bool {
        token.expiresAt.timeIntervalSinceNow > margin
    }

    /// A token valid for an hour, fresh.
    static func fresh(_ label: String) -> AccessToken {
        token(label, lifetime: 3600)
    }

    /// A token valid for five more minutes: unexpired, but not fresh.
    static func stale(_ label: String) -> AccessToken {
        token(label, lifetime: 300)
    }

    /// A pair whose access token is fresh.
    static func pair(_ label: String) -> TokenPair {
        TokenPair(accessToken: fresh(label), refreshToken: Secret("conformance-refresh-\(label)-\(UUID().uuidString)"))
    }

    /// Whether two pairs hold the same tokens.
    static func same(_ first: TokenPair?, _ second: TokenPair?) -> Bool {
        first?.accessToken.value == second?.accessToken.value
            && first?.refreshToken.exposedValue == second?.refreshToken.exposedValue
    }

    private static func token(_ label: String, lifetime: TimeInterval) -> AccessToken {
        let now = Date()
        return AccessToken(
            value: "conformance-\(label)-\(UUID().uuidString)", expiresAt: now.addingTimeInterval(lifetime),
            receivedAt: now)
    }
}
