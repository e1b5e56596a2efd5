package import Foundation

/// A token pair that Box issued but the ``TokenPairStore`` could not take, kept in a 0600 file
/// (``TokenPairStore/recoveryFile``) until a process writes it back to the store.
///
/// The file holds the new pair and a SHA-256 hash of the refresh token it replaced (never that
/// token): the pair is written back only over the pair it continues (or into an empty store), so a
/// newer sign-in is never overwritten by an old recovery. It is read and written as box-auth's own
/// files are: `O_NOFOLLOW`, checked on the descriptor, replaced atomically.
package struct TokenPairRecovery: Sendable {
    /// A recovered pair and what it continues.
    package struct Entry: Sendable, Hashable {
        /// The pair Box issued.
        package let pair: TokenPair
        /// SHA-256 (hex) of the refresh token the refresh spent.
        package let spentRefreshTokenHash: String

        /// An entry for `pair`, issued in exchange for `spent`.
        package init(pair: TokenPair, spent: Secret) {
            self.pair = pair
            self.spentRefreshTokenHash = Self.hash(spent)
        }

        init(pair: TokenPair, spentRefreshTokenHash: String) {
            self.pair = pair
            self.spentRefreshTokenHash = spentRefreshTokenHash
        }

        /// Whether this entry may replace `stored`: the store is empty, still holds the pair the
        /// refresh spent, or already holds this pair.
        package func continues(_ stored: TokenPair?) -> Bool {
            guard let stored else { return true }
            return stored.refreshToken == pair.refreshToken || Self.hash(stored.refreshToken) == spentRefreshTokenHash
        }

        private static func hash(_ token: Secret) -> String {
            let digest = token.withUnsafeValue { SHA256Digest.digest(Array($0)) }
            return digest.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// The recovery file.
    package let url: URL

    /// The recovery kept in `url`.
    package init(url: URL) { self.url = url }

    private static let hint = "Check the state folder's permissions, or set XDG_STATE_HOME to a folder you own."

    /// Writes `entry` (0600, replacing any other).
    /// - Throws: ``ConfigurationError`` when the folder or file cannot be written.
    package func save(_ entry: Entry) throws(ConfigurationError) {
        try PrivateFolder.create(url.deletingLastPathComponent(), name: "the state folder", hint: Self.hint)
        let stored = StoredRecovery(entry)
        let data: Data
        do { data = try JSONEncoder().encode(stored) } catch {
            throw ConfigurationError(code: .fileUnreadable, message: "cannot encode the recovered token pair.")
        }
        do throws(FileWriteError) {
            try SecureFileWriter.write(data, to: url)
        } catch {
            throw ConfigurationError(
                code: .fileUnreadable,
                message: "cannot \(error.operation) \(MessageText.escaped(url.path)) (\(error.reason)).",
                hint: Self.hint)
        }
    }

    /// The entry in the file; nil when there is none or it is not a recovery file.
    /// - Throws: ``ConfigurationError`` when the file is refused (a link, another user's file, or
    ///   one others may write).
    package func load() throws(ConfigurationError) -> Entry? {
        guard let data = try OwnedDescriptor.contents(of: url, limit: 64 * 1024 - 1, hint: Self.hint) else {
            return nil
        }
        return (try? JSONDecoder().decode(StoredRecovery.self, from: data))?.entry
    }

    /// Deletes the file if it still holds `entry` (another process may have left a newer one).
    package func remove(_ entry: Entry) {
        guard let current = try? load(), current.pair.refreshToken == entry.pair.refreshToken else { return }
        try? FileManager.default.removeItem(at: url)
    }
}

/// The recovery file's JSON: the pair, and the hash of the refresh token it replaced.
private struct StoredRecovery: Codable {
    var format = "box-auth-token-pair-recovery/1"
    var pair: StoredTokenPair
    var spentRefreshTokenSHA256: String

    init(_ entry: TokenPairRecovery.Entry) {
        pair = StoredTokenPair(entry.pair)
        spentRefreshTokenSHA256 = entry.spentRefreshTokenHash
    }

    var entry: TokenPairRecovery.Entry? {
        guard format == "box-auth-token-pair-recovery/1", !spentRefreshTokenSHA256.isEmpty, let pair = pair.pair
        else { return nil }
        return TokenPairRecovery.Entry(pair: pair, spentRefreshTokenHash: spentRefreshTokenSHA256)
    }
}
