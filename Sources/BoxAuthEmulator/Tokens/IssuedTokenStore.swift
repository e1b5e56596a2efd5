import Foundation

/// The tokens the emulator issued, by value; expired tokens are dropped now and then.
struct IssuedTokenStore: Sendable {
    private var tokens: [String: IssuedToken] = [:]
    private static let pruneThreshold = 1024

    /// Records `token` under `value`.
    mutating func insert(_ token: IssuedToken, value: String, now: Date) {
        if tokens.count >= Self.pruneThreshold { tokens = tokens.filter { $0.value.isValid(at: now) } }
        tokens[value] = token
    }

    /// The token issued under `value`, expired or not.
    func token(for value: String) -> IssuedToken? { tokens[value] }

    /// Forgets the token issued under `value` (revoked); returns whether there was one.
    @discardableResult
    mutating func remove(_ value: String) -> Bool { tokens.removeValue(forKey: value) != nil }
}
