package import Foundation
package import Logging

/// Puts this machine's file lock in front of a store shared by many machines, so that one process
/// per machine waits on the shared store while the others wait on the file.
///
/// The tiers are: the caller's memory (``TokenCache``), then the machine's `flock` on `lockFile`,
/// then `shared`. A fresh shared token is read without either lock.
///
/// A process that holds the machine's lock longer than ``lockTimeout`` (a stuck one) does not
/// hold up the others: past it, a caller logs one warning and fetches a token of its own. The lock
/// file is opened with `O_NOFOLLOW` and refused when it is a link, another user's, or writable by
/// others.
package struct MachineLockedTokenStore: TokenStore {
    /// The store shared across machines.
    package let shared: any TokenStore
    /// The lock file (created 0600, its folder 0700).
    package let lockFile: URL
    /// Where the file lock's waits are counted.
    package var metrics: TokenMetrics
    /// How long a caller waits for the machine's lock (the profile's `cacheLockTimeout`).
    package var lockTimeout: Duration

    /// A store taking `lockFile`'s lock (waited for at most `lockTimeout`) before `shared`'s.
    package init(
        shared: any TokenStore, lockFile: URL, metrics: TokenMetrics = TokenMetrics(),
        lockTimeout: Duration = .seconds(10)
    ) {
        self.shared = shared
        self.lockFile = lockFile
        self.metrics = metrics
        self.lockTimeout = lockTimeout
    }

    /// `$XDG_CACHE_HOME/box-auth/shared-{hash of key}.lock` (see `FileTokenStore.defaultDirectory(environment:)`).
    package static func defaultLockFile(environment: [String: String], key: [String]) -> URL {
        FileTokenStore.defaultDirectory(environment: environment)
            .appendingPathComponent("shared-\(CacheKeyHash.hex(key.joined(separator: "\n"))).lock")
    }

    /// The shared store's token, read without a lock.
    package func load() async -> AccessToken? { await shared.load() }

    /// The shared token if fresh; else, holding the machine's lock, the shared store's answer.
    package func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        if let token = await shared.load(), isFresh(token) { return token }
        try PrivateFolder.create(
            lockFile.deletingLastPathComponent(), name: "the cache folder",
            hint: "Check the folder's permissions or set XDG_CACHE_HOME.")
        return try await FileLock(url: lockFile, timeout: lockTimeout).withTokenLock(
            store: "file", metrics: metrics, logger: logger, hint: "Check the folder's permissions or set XDG_CACHE_HOME.",
            warning:
                "another process on this machine held the token cache's file lock past cacheLockTimeout; fetching a token without it"
        ) {
            try await shared.token(logger: logger, isFresh: isFresh, fetch: fetch)
        } fetchWithoutLock: {
            try await fetch()
        }
    }

    /// Removes `token` from the shared store.
    package func remove(_ token: AccessToken) { shared.remove(token) }
}
