import Foundation
import Logging

/// Puts this machine's file lock in front of a store shared by many machines, so that one process
/// per machine waits on the shared store while the others wait on the file.
///
/// The tiers are: the caller's memory (``TokenCache``), then the machine's `flock` on `lockFile`,
/// then `shared`. A fresh shared token is read without either lock.
public struct MachineLockedTokenStore: TokenStore {
    /// The store shared across machines.
    public let shared: any TokenStore
    /// The lock file (created 0600, its folder 0700).
    public let lockFile: URL
    /// Where the file lock's waits are counted.
    public var metrics: TokenMetrics

    /// A store taking `lockFile`'s lock before `shared`'s.
    public init(shared: any TokenStore, lockFile: URL, metrics: TokenMetrics = TokenMetrics()) {
        self.shared = shared
        self.lockFile = lockFile
        self.metrics = metrics
    }

    /// `$XDG_CACHE_HOME/box-auth/shared-{hash of key}.lock` (see ``FileTokenStore/defaultDirectory(environment:)``).
    public static func defaultLockFile(environment: [String: String], key: [String]) -> URL {
        FileTokenStore.defaultDirectory(environment: environment)
            .appendingPathComponent("shared-\(CacheKeyHash.hex(key.joined(separator: "\n"))).lock")
    }

    /// The shared store's token, read without a lock.
    public func load() async -> AccessToken? { await shared.load() }

    /// The shared token if fresh; else, holding the machine's lock, the shared store's answer.
    public func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        if let token = await shared.load(), isFresh(token) { return token }
        let folder = lockFile.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot create the cache folder \(MessageText.escaped(folder.path)).",
                hint: "Check the folder's permissions or set XDG_CACHE_HOME.")
        }
        let waitStarted = ContinuousClock.now
        return try await FileLock(url: lockFile).withLock(hint: "Check the folder's permissions or set XDG_CACHE_HOME.")
        {
            metrics.lockAcquired(store: "file", waited: ContinuousClock.now - waitStarted)
            return try await shared.token(logger: logger, isFresh: isFresh, fetch: fetch)
        }
    }

    /// Removes `token` from the shared store.
    public func remove(_ token: AccessToken) { shared.remove(token) }
}
