package import Foundation

/// An OAuth 2.0 token pair kept in a file shared by every process of this user on this machine.
///
/// The file lives in `$XDG_STATE_HOME/box-auth/` (default `~/.local/state/box-auth/`), is named by a
/// hash of its key (base URL, client ID, profile), and holds the access token, the refresh token
/// and their expiry times, never the app's secret. The folder is created 0700 and the file 0600;
/// writes go through `SecureFileWriter` (a temporary 0600 file, flushed and renamed into place),
/// and ``update(_:)`` holds an advisory `flock` on a `.lock` file beside it, so that a refresh
/// happens once however many processes ask at the same moment. A corrupted file reads as no pair.
///
/// Trust: the lock and pair files are opened with `O_NOFOLLOW` and checked on the open descriptor;
/// a symbolic link, or a file another user owns or that group or others may write, is refused with
/// a ``ConfigurationError`` naming it and the fix. ``update(_:)`` waits at most ``lockTimeout`` for
/// another process's lock, then fails with ``TokenStoreError`` (a refresh token must never be spent
/// twice, so there is no fallback).
package struct FileTokenPairStore: TokenPairStore {
    /// The pair's file.
    package let url: URL
    /// How long ``update(_:)`` waits for another process's lock (the profile's `cacheLockTimeout`).
    package var lockTimeout: Duration = FileLock.defaultTimeout
    private var lockURL: URL { url.appendingPathExtension("lock") }

    /// `recovery-{name of the pair file}` beside it: where a pair Box issued but this store could
    /// not take is kept until a process writes it back (see ``TokenPairRecovery``).
    package var recoveryFile: URL? {
        url.deletingLastPathComponent().appendingPathComponent("recovery-" + url.lastPathComponent)
    }

    /// A store whose file is named by a hash of `key`'s parts, in `directory`.
    package init(directory: URL, key: [String]) {
        url = directory.appendingPathComponent("oauth2-\(CacheKeyHash.hex(key.joined(separator: "\n"))).json")
    }

    /// `$XDG_STATE_HOME/box-auth`, else `~/.local/state/box-auth`.
    package static func defaultDirectory(environment: [String: String]) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("box-auth")
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
        return (home ?? FileManager.default.homeDirectoryForCurrentUser)
            .appendingPathComponent(".local/state/box-auth")
    }

    /// The stored pair; nil when missing, corrupted or not a pair file.
    /// - Throws: ``ConfigurationError`` when the file is refused (a link, another user's file, or
    ///   one others may write) or cannot be read.
    package func load() async throws -> TokenPair? { try read() }

    /// Locks the pair's file across processes, reads it, runs `body` and writes what it asks for.
    package func update<Result: Sendable>(
        _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
    ) async throws -> Result {
        try createDirectory()
        return try await FileLock(url: lockURL, timeout: lockTimeout).withLock(hint: Self.hint) {
            let update = try await body(try read())
            switch update.change {
            case .keep:
                break
            case .replace(let pair):
                try write(pair)
            case .remove:
                do {
                    try FileManager.default.removeItem(at: url)
                } catch CocoaError.fileNoSuchFile {
                    // Already gone.
                } catch {
                    throw storeError("cannot delete \(MessageText.escaped(url.path))")
                }
            }
            return update.result
        }
    }

    private func read() throws(ConfigurationError) -> TokenPair? {
        guard let data = try OwnedDescriptor.contents(of: url, limit: 64 * 1024 - 1, hint: Self.hint) else {
            return nil
        }
        return try? JSONDecoder().decode(StoredTokenPair.self, from: data).pair
    }

    private func write(_ pair: TokenPair) throws {
        let data = try JSONEncoder().encode(StoredTokenPair(pair))
        do throws(FileWriteError) {
            try SecureFileWriter.write(data, to: url)
        } catch {
            throw storeError("cannot \(error.operation) \(MessageText.escaped(url.path)) (\(error.reason))")
        }
    }

    private func createDirectory() throws {
        try PrivateFolder.create(url.deletingLastPathComponent(), name: "the folder", hint: Self.hint)
    }

    private static let hint = "Check the folder's permissions, or set XDG_STATE_HOME to a folder you own."

    private func storeError(_ message: String) -> ConfigurationError {
        ConfigurationError(code: .fileUnreadable, message: message + ".", hint: Self.hint)
    }
}
