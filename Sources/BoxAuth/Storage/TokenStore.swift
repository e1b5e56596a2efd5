public import Logging

/// Where a ``TokenCache`` keeps its token beyond its own memory, shared with other processes (a
/// `FileTokenStore`) or other machines (the PostgreSQL store of `BoxAuthPostgres`).
///
/// ``TokenCache`` calls ``token(logger:isFresh:fetch:)`` when its memory has no fresh token. A store
/// answers with a fresh stored token when it has one (reading it without a lock where it can),
/// and otherwise takes its lock, reads again, and only if the token is still due calls `fetch`
/// and stores the result, so that everyone sharing the store makes one token request between them.
///
/// A custom store implements ``load()``, ``token(logger:isFresh:fetch:)`` and ``remove(_:)``:
/// ```swift
/// struct VaultTokenStore: TokenStore {
///     func load() async -> AccessToken? { ... }
///     func token(
///         logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
///     ) async throws -> AccessToken {
///         if let token = await load(), isFresh(token) { return token }
///         return try await vault.withLock { ... }   // read again, fetch if still due, write
///     }
///     func remove(_ token: AccessToken) { ... }
/// }
/// ```
public protocol TokenStore: Sendable {
    /// The stored token, read without taking the store's lock; nil when there is none or it cannot
    /// be read.
    func load() async -> AccessToken?

    /// A token `isFresh` accepts: the stored one, or one from `fetch`, stored for the others.
    ///
    /// `fetch` runs at most once, under the store's lock, and only when the token read under the
    /// lock is not fresh. A store that cannot reach its backing storage may call `fetch` without the
    /// lock (logging why through `logger`) rather than fail: it is a helper, not a point of failure.
    /// - Throws: What `fetch` throws, or the store's error when it cannot take its lock.
    func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken

    /// Removes the stored token if it is `token` (the API refused it). Does not wait for slow storage.
    func remove(_ token: AccessToken)
}
