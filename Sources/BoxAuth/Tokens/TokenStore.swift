/// Where a ``TokenCache`` keeps its token beyond its own memory, shared with other processes.
///
/// ``TokenCache`` calls ``withExclusiveAccess(_:)`` around "read, fetch if stale, write", so that
/// processes sharing a store make one token request between them.
public protocol TokenStore: Sendable {
    /// Runs `body` while holding the store's lock (across processes for a file store).
    func withExclusiveAccess<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result
    /// The stored token, or nil when there is none or it cannot be read.
    func load() -> AccessToken?
    /// Stores `token`, replacing any other.
    func save(_ token: AccessToken) throws
    /// Removes the stored token if it is `token`.
    func remove(_ token: AccessToken)
}
