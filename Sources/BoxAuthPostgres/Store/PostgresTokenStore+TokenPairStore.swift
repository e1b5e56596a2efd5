import BoxAuth
import Foundation
import PostgresNIO

extension PostgresTokenStore: TokenPairStore {
    /// The shared OAuth 2.0 pair, read without a lock; nil when there is none or it does not decrypt.
    /// - Throws: ``PostgresStoreError`` when the database cannot be reached (the pair lives only there).
    public func load() async throws -> TokenPair? {
        do {
            let row = try await connector.withConnection(logger: logger) { try await read(pairKey, on: $0) }
            return row.flatMap { openPair($0) }
        } catch {
            throw PostgresStoreError.unavailable(
                database, operation: "read the OAuth 2.0 token pair", detail: PostgresErrorText.describe(error))
        }
    }

    /// Under the row's advisory lock: reads the pair, runs `body`, writes what it asks, commits.
    ///
    /// Nothing falls back here: a refresh token is single use, so a refresh never happens outside
    /// the lock. When `body` throws, nothing is written and its error is rethrown.
    /// - Throws: ``PostgresStoreError`` when the database cannot be reached or the lock is not
    ///   granted within ``Options/lockTimeout``; else what `body` throws.
    public func update<Result: Sendable>(
        _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
    ) async throws -> Result {
        do {
            try await createTableIfNeeded()
            return try await connector.withTransaction(logger: logger) { connection in
                try await lock(pairKey, on: connection)
                let current = try await read(pairKey, on: connection).flatMap { openPair($0) }
                let update: TokenPairUpdate<Result>
                do { update = try await body(current) } catch { throw BodyFailure(error: error) }
                switch update.change {
                case .keep:
                    break
                case .replace(let pair):
                    let box = try cipher.seal(
                        try JSONEncoder().encode(SealedTokenPayload(pair)).byteArray,
                        associatedData: pairKey.associatedData)
                    try await connection.execute(
                        table.upsert(
                            pairKey.digest, box: box, expiresIn: pair.accessToken.expiresAt.timeIntervalSince(now()),
                            fetchedBy: Self.fetchedBy),
                        logger: logger)
                case .remove:
                    try await connection.execute(table.delete(pairKey.digest), logger: logger)
                }
                return update.result
            }
        } catch let failure as BodyFailure {
            throw failure.error
        } catch {
            if PostgresErrorText.sqlState(error) == "55P03" { throw PostgresStoreError.lockTimeout(database) }
            throw PostgresStoreError.unavailable(
                database, operation: "update the OAuth 2.0 token pair", detail: PostgresErrorText.describe(error))
        }
    }

    func openPair(_ row: StoredRow) -> TokenPair? {
        guard let plaintext = cipher.open(row.box, associatedData: pairKey.associatedData) else { return nil }
        return (try? JSONDecoder().decode(SealedTokenPayload.self, from: Data(plaintext)))?
            .pair(expiresIn: row.expiresIn, now: now())
    }
}

/// The update's body failed: rethrown as it is, after the rollback.
private struct BodyFailure: Error {
    let error: any Error
}
