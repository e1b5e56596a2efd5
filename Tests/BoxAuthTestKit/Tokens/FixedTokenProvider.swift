public import BoxAuth
import Foundation

/// An ``AuthProvider`` that hands out one token and never another (as a developer token does):
/// for request conveniences and middleware that need a provider but no fetching.
public struct FixedTokenProvider: AuthProvider {
    /// The one token.
    public let token: AccessToken

    /// A provider whose token is `value`, valid for an hour.
    public init(_ value: String = "fixed-token") {
        token = AccessToken(value: value, expiresAt: Date(timeIntervalSinceNow: 3600))
    }

    /// `fixed`.
    public var kind: String { "fixed" }
    /// None.
    public var subject: BoxSubject? { nil }
    /// The one token.
    public func accessToken() async throws -> AccessToken { token }
    /// Does nothing: there is no other token.
    public func invalidate(_ token: AccessToken) async {}
}
