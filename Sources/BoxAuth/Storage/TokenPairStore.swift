public import Foundation

/// Where an OAuth 2.0 provider keeps its ``TokenPair`` so that every process (or every machine)
/// signed in as the same user shares it, and refreshes it once.
///
/// Refresh tokens are single use, so two holders refreshing with the same one leave one of them
/// signed out. A store makes "read the pair, refresh if still due, write the new pair" one step
/// under its lock (``update(_:)``), across processes for `FileTokenPairStore` and across
/// machines for a database store.
///
/// A server app signing in many users supplies its own store (one row per user, say):
/// ```swift
/// struct UserRowStore: TokenPairStore {
///     func load() async throws -> TokenPair? { ... }
///     func update<Result: Sendable>(
///         _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
///     ) async throws -> Result { ... }   // SELECT ... FOR UPDATE, body, UPDATE, COMMIT
/// }
/// ```
public protocol TokenPairStore: Sendable {
    /// The stored pair, read without taking the lock; nil when there is none (never signed in,
    /// signed out, or what is stored cannot be read).
    func load() async throws -> TokenPair?

    /// Holds the store's exclusive lock while `body` runs: `body` gets the pair as read under the
    /// lock and says what to store; the change is written before the lock is released.
    ///
    /// When `body` throws, nothing is written and the stored pair stays as it was.
    func update<Result: Sendable>(_ body: (TokenPair?) async throws -> TokenPairUpdate<Result>) async throws -> Result

    /// A 0600 file where a pair that Box issued but this store could not take (its write failed) is
    /// kept until a process writes it back; nil (the default) keeps such a pair in memory only.
    ///
    /// Box spends the old refresh token as soon as it answers a refresh, so a new pair that is not
    /// kept somewhere signs out every process that shares the store.
    var recoveryFile: URL? { get }
}

extension TokenPairStore {
    /// None: a pair the store could not take is kept in memory only.
    public var recoveryFile: URL? { nil }
}

/// What ``TokenPairStore/update(_:)``'s body asks for: a result, and what happens to the stored pair.
public struct TokenPairUpdate<Result: Sendable>: Sendable {
    /// What happens to the stored pair.
    public enum Change: Sendable {
        /// Leave it as it is.
        case keep
        /// Store this pair instead.
        case replace(TokenPair)
        /// Delete it (signed out).
        case remove
    }

    /// What ``TokenPairStore/update(_:)`` returns.
    public var result: Result
    /// What happens to the stored pair.
    public var change: Change

    /// An update returning `result` after `change`.
    public init(_ result: Result, change: Change) {
        self.result = result
        self.change = change
    }
}
