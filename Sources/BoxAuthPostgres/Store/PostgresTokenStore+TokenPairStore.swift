public import BoxAuth
public import Foundation
import PostgresNIO

extension PostgresTokenStore: TokenPairStore {
    /// The shared OAuth 2.0 pair, read without a lock; nil when there is none or it does not decrypt.
    /// - Throws: ``PostgresStoreError`` (category `unavailable`) when the database cannot be
    ///   reached or does not answer within ``Options/lockTimeout`` (the pair lives only there).
    public func load() async throws -> TokenPair? {
        do {
            return try await readUnlocked(pairKey).flatMap { openPair($0) }
        } catch {
            throw PostgresStoreError.unavailable(
                database, operation: "read the OAuth 2.0 token pair", detail: PostgresErrorText.describe(error))
        }
    }

    /// Under the row's advisory lock: reads the pair, runs `body`, writes what it asks, commits.
    ///
    /// Nothing falls back here: a refresh token is single use, so a refresh never happens outside
    /// the lock. When `body` throws, nothing is written and its error is rethrown. The lock is held
    /// at most ``Options/holdTimeout`` while `body` runs.
    /// - Throws: ``PostgresStoreError`` when the database cannot be reached, does not answer, or
    ///   does not grant the lock within ``Options/lockTimeout``, or when the write fails; else what
    ///   `body` throws.
    public func update<Result: Sendable>(
        _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
    ) async throws -> Result {
        let lease: PostgresLease
        let current: TokenPair?
        do {
            try await createTableIfNeeded()
            let (locked, row) = try await beginLocked(pairKey)
            lease = locked
            current = row.flatMap { openPair($0) }
        } catch {
            if PostgresErrorText.sqlState(error) == "55P03" { throw PostgresStoreError.lockTimeout(database) }
            throw PostgresStoreError.unavailable(
                database, operation: "lock the OAuth 2.0 token pair", detail: PostgresErrorText.describe(error))
        }
        let update: TokenPairUpdate<Result>
        do { update = try await body(current) } catch {
            await rollBack(lease)
            throw error
        }
        do {
            switch update.change {
            case .keep:
                try await end(lease, writing: nil)
            case .replace(let pair):
                let box = try cipher.seal(
                    try JSONEncoder().encode(SealedTokenPayload(pair)).byteArray, associatedData: pairKey.associatedData
                )
                try await end(
                    lease,
                    writing: table.upsert(
                        pairKey.digest, box: box, expiresIn: pair.accessToken.expiresAt.timeIntervalSince(now()),
                        fetchedBy: Self.fetchedBy))
            case .remove:
                try await end(lease, writing: table.delete(pairKey.digest))
            }
        } catch {
            throw PostgresStoreError.unavailable(
                database, operation: "write the OAuth 2.0 token pair", detail: PostgresErrorText.describe(error))
        }
        return update.result
    }

    /// `recovery-postgres-{hash of the row's key}.json` in ``Options/recoveryFolder`` (default: the
    /// state folder, `$XDG_STATE_HOME/box-auth`): where a pair Box issued but the database could not
    /// take is kept until a process writes it back.
    public var recoveryFile: URL? {
        let folder =
            options.recoveryFolder
            ?? FileTokenPairStore.defaultDirectory(environment: ProcessInfo.processInfo.environment)
        let hex = pairKey.digest.readableBytesView.map { String(format: "%02x", $0) }.joined()
        return folder.appendingPathComponent("recovery-postgres-\(hex).json")
    }

    func openPair(_ row: StoredRow) -> TokenPair? {
        guard let plaintext = cipher.open(row.box, associatedData: pairKey.associatedData) else { return nil }
        return (try? JSONDecoder().decode(SealedTokenPayload.self, from: Data(plaintext)))?
            .pair(expiresIn: row.expiresIn, now: now())
    }
}
