package import BoxAuth
package import Foundation
package import Logging

/// Access tokens kept as keyring items (`"cache": "keyring"`), shared by this user's processes.
///
/// A fresh stored token is read without the lock; otherwise, under a lock file in the cache folder,
/// the token is read again and fetched only if still due, so that processes sharing it make one
/// token request between them. A keyring that does not answer fails the call with
/// ``KeyringError`` (no silent fallback); a process holding the lock past the deadline does not
/// hold up the others, who fetch a token of their own, as with the file store.
package struct KeyringTokenStore: TokenStore {
    /// The keyring.
    package let keyring: any Keyring
    /// The token's item.
    package let item: KeyringItem
    /// The lock file.
    package let lockURL: URL
    /// How long to wait for another process's lock (the profile's `cacheLockTimeout`).
    package var lockTimeout: Duration = FileLock.defaultTimeout
    /// Where hits and lock waits are counted.
    package var metrics = TokenMetrics()

    /// The store for `key` (base URL, client ID, subject) in `keyring`, its lock in `lockDirectory`.
    package init(keyring: any Keyring, key: [String], lockDirectory: URL) {
        self.keyring = keyring
        item = KeyringItem(kind: .token, key: key)
        lockURL = lockDirectory.appendingPathComponent("keyring-\(item.keyHash).lock")
    }

    /// The stored token; nil when there is none, it is not a token, or the keyring fails.
    package func load() async -> AccessToken? { try? await read() }

    /// The stored token when fresh; else, under the lock, the stored token if fresh by now, else
    /// `fetch`'s, written to the keyring.
    /// - Throws: ``KeyringError``; ``ConfigurationError`` when the lock file is refused; what
    ///   `fetch` throws.
    package func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        if let stored = try await read(), isFresh(stored) {
            metrics.cacheHit(tier: "keyring")
            TokenRequestSpan.answered(by: "keyring")
            return stored
        }
        try PrivateFolder.create(lockURL.deletingLastPathComponent(), name: "the cache folder", hint: Self.hint)
        return try await FileLock(url: lockURL, timeout: lockTimeout).withTokenLock(
            store: "keyring", metrics: metrics, logger: logger, hint: Self.hint,
            warning: "another process held the keyring store's lock past cacheLockTimeout; fetching a token without it"
        ) {
            if let stored = try await read(), isFresh(stored) {
                metrics.cacheHit(tier: "keyring")
                TokenRequestSpan.answered(by: "keyring")
                return stored
            }
            let token = try await fetch()
            try await keyring.write(try JSONEncoder().encode(StoredToken(token)), to: item)
            return token
        } fetchWithoutLock: {
            try await fetch()
        }
    }

    /// Deletes the stored token if it is `token`, in the background (the keyring may be slow).
    package func remove(_ token: AccessToken) {
        let store = self
        Task.detached {
            if let stored = try? await store.read(), stored.value == token.value {
                try? await store.keyring.delete(store.item)
            }
        }
    }

    private func read() async throws(KeyringError) -> AccessToken? {
        guard let data = try await keyring.read(item) else { return nil }
        return try? JSONDecoder().decode(StoredToken.self, from: data).token
    }

    private static let hint = "Check the folder's permissions, set XDG_CACHE_HOME, or use \"cache\": \"memory\"."
}
