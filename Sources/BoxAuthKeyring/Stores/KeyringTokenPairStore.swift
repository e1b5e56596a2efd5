package import BoxAuth
package import Foundation

/// An OAuth 2.0 token pair kept as one keyring item (`"cache": "keyring"`, or
/// `box-auth login --store keyring`).
///
/// The keyring holds the secret; the state folder (`$XDG_STATE_HOME/box-auth`) holds only a lock
/// file, so that "read, refresh if still due, write" is one step across the processes of this
/// user, as with the file store, and a recovery file used only when Box has rotated the refresh
/// token and the keyring then failed to take the new pair (a rotated token is never dropped).
/// A keyring that does not answer fails the call with ``KeyringError``: never a silent fallback.
package struct KeyringTokenPairStore: TokenPairStore {
    /// The keyring.
    package let keyring: any Keyring
    /// The pair's item.
    package let item: KeyringItem
    /// The lock file in the state folder.
    package let lockURL: URL
    /// How long ``update(_:)`` waits for another process's lock (the profile's `cacheLockTimeout`).
    package var lockTimeout: Duration = FileLock.defaultTimeout

    /// The store for `key` (base URL, client ID, profile) in `keyring`, its lock in `stateDirectory`.
    package init(keyring: any Keyring, key: [String], stateDirectory: URL) {
        self.keyring = keyring
        item = KeyringItem(kind: .tokenPair, key: key)
        lockURL = stateDirectory.appendingPathComponent("keyring-\(item.keyHash).lock")
    }

    /// `recovery-keyring-{hash}.json` beside the lock file.
    package var recoveryFile: URL? {
        lockURL.deletingLastPathComponent().appendingPathComponent("recovery-keyring-\(item.keyHash).json")
    }

    /// The stored pair; nil when there is none or what is stored is not a pair.
    /// - Throws: ``KeyringError``.
    package func load() async throws -> TokenPair? { try await read() }

    /// Locks across processes, reads the pair from the keyring, runs `body` and writes what it asks.
    /// - Throws: ``KeyringError``; ``TokenStoreError`` when another process held the lock past
    ///   ``lockTimeout``; ``ConfigurationError`` when the lock file is refused; what `body` throws.
    package func update<Result: Sendable>(
        _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
    ) async throws -> Result {
        try PrivateFolder.create(lockURL.deletingLastPathComponent(), name: "the state folder", hint: Self.hint)
        return try await FileLock(url: lockURL, timeout: lockTimeout).withLock(hint: Self.hint) {
            let update = try await body(try await read())
            switch update.change {
            case .keep:
                break
            case .replace(let pair):
                try await keyring.write(try JSONEncoder().encode(StoredTokenPair(pair)), to: item)
            case .remove:
                try await keyring.delete(item)
            }
            return update.result
        }
    }

    private func read() async throws(KeyringError) -> TokenPair? {
        guard let data = try await keyring.read(item) else { return nil }
        return try? JSONDecoder().decode(StoredTokenPair.self, from: data).pair
    }

    private static let hint = "Check the folder's permissions, or set XDG_STATE_HOME to a folder you own."
}
