public import Foundation
public import Logging

/// A token cache file shared by every process that uses the same app and subject.
///
/// The file lives in `$XDG_CACHE_HOME/box-auth/` (default `~/.cache/box-auth/`), is named by a hash
/// of base URL, client ID, subject type and subject ID, and holds the access token only (never a
/// secret, key or passphrase). The folder is created 0700 and files 0600; writes go through
/// `SecureFileWriter` (a temporary 0600 file, flushed and renamed into place); an advisory `flock`
/// on a `.lock` file beside it makes refreshes single-flight across processes. A corrupted file is
/// ignored and replaced.
///
/// Trust: the lock and cache files are opened with `O_NOFOLLOW` and checked on the open descriptor;
/// a symbolic link, or a file another user owns or that group or others may write, is refused with
/// a ``ConfigurationError`` naming it and the fix. A process that holds the lock longer than
/// ``lockTimeout`` (a stuck one) does not hold up the others: past it, a caller logs one warning and
/// fetches a token of its own.
@_spi(Plumbing) public struct FileTokenStore: TokenStore {
    /// The cache file.
    public let url: URL
    /// Where lock waits and file hits are counted.
    public var metrics = TokenMetrics()
    /// How long ``token(logger:isFresh:fetch:)`` waits for another process's lock (the profile's
    /// `cacheLockTimeout`, default 10 s).
    public var lockTimeout: Duration = FileLock.defaultTimeout
    private var lockURL: URL { url.appendingPathExtension("lock") }

    /// A store for one app and subject.
    public init(directory: URL, baseURL: URL, clientID: String, subject: BoxSubject) {
        self.init(directory: directory, key: [baseURL.absoluteString, clientID, subject.kind.rawValue, subject.id])
    }

    /// A store whose file is named by a hash of `key`'s parts.
    public init(directory: URL, key: [String]) {
        url = directory.appendingPathComponent("token-\(CacheKeyHash.hex(key.joined(separator: "\n"))).json")
    }

    /// `$XDG_CACHE_HOME/box-auth`, else `~/.cache/box-auth`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache).appendingPathComponent("box-auth")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/box-auth")
    }

    /// Holds an exclusive `flock` on the lock file while `body` runs; waiting does not block a thread.
    /// - Throws: ``TokenStoreError`` when another process held the lock past ``lockTimeout``;
    ///   ``ConfigurationError`` when the lock file is refused; what `body` throws.
    public func withExclusiveAccess<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try createDirectory()
        return try await FileLock(url: lockURL, timeout: lockTimeout).withLock(hint: Self.hint, body)
    }

    /// The stored token if it is fresh, read without the lock (so a fresh token is never held up
    /// by another process's refresh); else, under the file lock, the stored token if it is fresh by
    /// now, else `fetch`'s, written to the file (a failed write is logged as a warning and the
    /// fetched token returned). When another process holds the lock past ``lockTimeout``, one
    /// warning is logged and `fetch`'s token returned without the file.
    /// - Throws: What `fetch` throws; ``ConfigurationError`` when the lock or cache file is refused
    ///   (a link, another user's, or writable by others).
    public func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        // A refused file reads as nil here and is refused, with its error, under the lock.
        if let stored = load(), isFresh(stored) {
            metrics.cacheHit(tier: "file")
            TokenRequestSpan.answered(by: "file")
            return stored
        }
        try createDirectory()
        return try await FileLock(url: lockURL, timeout: lockTimeout).withTokenLock(
            store: "file", metrics: metrics, logger: logger, hint: Self.hint,
            warning: "another process held the token cache's file lock past cacheLockTimeout; fetching a token without it"
        ) {
            if let stored = try checkedLoad(), isFresh(stored) {
                metrics.cacheHit(tier: "file")
                TokenRequestSpan.answered(by: "file")
                return stored
            }
            let token = try await fetch()
            do {
                try save(token)
            } catch {
                logger.warning("cannot write the token cache; continuing without it", metadata: ["error": "\(error)"])
            }
            return token
        } fetchWithoutLock: {
            try await fetch()
        }
    }

    /// The stored token; nil when missing, unreadable, corrupted, not a token file, or refused (a
    /// link, another user's file, or one others may write).
    public func load() -> AccessToken? { try? checkedLoad() }

    /// The stored token; nil when missing or corrupted.
    /// - Throws: ``ConfigurationError`` when the file is refused.
    private func checkedLoad() throws(ConfigurationError) -> AccessToken? {
        guard let data = try OwnedDescriptor.contents(of: url, limit: 64 * 1024 - 1, hint: Self.hint) else {
            return nil
        }
        return try? JSONDecoder().decode(StoredToken.self, from: data).token
    }

    /// Writes the token atomically with `SecureFileWriter`: a temporary 0600 file renamed over the
    /// cache file.
    public func save(_ token: AccessToken) throws {
        try createDirectory()
        let data = try JSONEncoder().encode(StoredToken(token))
        do throws(FileWriteError) {
            try SecureFileWriter.write(data, to: url)
        } catch {
            throw storeError("cannot \(error.operation) \(MessageText.escaped(url.path)) (\(error.reason))")
        }
    }

    /// Deletes the cache file if it holds `token`.
    public func remove(_ token: AccessToken) {
        if load()?.value == token.value { try? FileManager.default.removeItem(at: url) }
    }

    private func createDirectory() throws {
        try PrivateFolder.create(url.deletingLastPathComponent(), name: "the cache folder", hint: Self.hint)
    }

    private static let hint = "Check the folder's permissions, set XDG_CACHE_HOME, or use \"cache\": \"memory\"."

    private func storeError(_ message: String) -> ConfigurationError {
        ConfigurationError(
            code: .fileUnreadable, message: message + ".",
            hint: Self.hint)
    }
}
