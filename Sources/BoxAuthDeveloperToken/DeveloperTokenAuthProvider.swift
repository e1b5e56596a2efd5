public import BoxAuth
public import Foundation
import Synchronization

/// A developer token copied from the Developer Console: handed out as is until the API refuses it.
///
/// Box's developer tokens last 60 minutes and cannot be refreshed; once ``invalidate(_:)`` is
/// called with it, every call throws an error telling the user to generate a new one.
public final class DeveloperTokenAuthProvider: AuthProvider {
    private let token: Secret
    private let expiresAt: Date
    private let refused = Mutex(false)

    /// A provider for `token`; `expiresAt` defaults to 60 minutes from now, as Box issues them.
    public init(token: Secret, expiresAt: Date = Date().addingTimeInterval(3600)) {
        self.token = token
        self.expiresAt = expiresAt
    }

    /// `developer-token`.
    public var kind: String { DeveloperTokenProviderFactory.kind }
    /// Unknown: the token belongs to whoever generated it.
    public var subject: BoxSubject? { nil }

    /// The developer token.
    /// - Throws: ``DeveloperTokenError`` once the token has been refused.
    public func accessToken() async throws -> AccessToken {
        if refused.withLock({ $0 }) { throw DeveloperTokenError() }
        return AccessToken(value: token.exposedValue, expiresAt: expiresAt)
    }

    /// Marks the token refused (it cannot be renewed).
    public func invalidate(_ token: AccessToken) async {
        if token.value == self.token.exposedValue { refused.withLock { $0 = true } }
    }
}

/// The developer token was refused by the API and cannot be renewed.
public struct DeveloperTokenError: BoxAuthError {
    /// ``BoxAuthErrorCategory/refused``.
    public var category: BoxAuthErrorCategory { .refused }
    /// What to do.
    public var description: String {
        "the developer token was refused (they last 60 minutes). Generate a new one in the Box Developer Console and update the profile's 'token'."
    }
}
