import BoxAuth
import Foundation
import Logging
import PostgresNIO

extension PostgresTokenStore: TokenStore {
    /// The shared access token, read without a lock; nil when there is none, it does not decrypt,
    /// or the database cannot be reached (the warning is logged once).
    public func load() async -> AccessToken? {
        guard availability.shouldTry else { return nil }
        do {
            let row = try await connector.withConnection(logger: logger) { try await read(accessKey, on: $0) }
            availability.succeeded(logger: logger)
            return row.flatMap { openToken($0) }
        } catch {
            unavailable(error, reason: "unreachable")
            return nil
        }
    }

    /// A fresh shared token, else one fetched once for every machine under the advisory lock.
    ///
    /// When the database cannot be reached, or the lock is not granted within
    /// ``Options/lockTimeout``, `fetch` runs without it (the token is not shared).
    public func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        if let token = await load() as AccessToken?, isFresh(token) {
            metrics.cacheHit(tier: "postgres")
            return token
        }
        guard availability.shouldTry else { return try await fetch() }
        var fetched: AccessToken?
        do {
            try await createTableIfNeeded()
            return try await connector.withTransaction(logger: self.logger) { connection in
                try await lock(accessKey, on: connection)
                if let row = try await read(accessKey, on: connection), let token = openToken(row), isFresh(token) {
                    metrics.cacheHit(tier: "postgres")
                    return token
                }
                let token: AccessToken
                do { token = try await fetch() } catch { throw FetchFailure(error: error) }
                fetched = token
                do {
                    let box = try cipher.seal(
                        try JSONEncoder().encode(SealedTokenPayload(token)).byteArray,
                        associatedData: accessKey.associatedData)
                    try await connection.execute(
                        table.upsert(
                            accessKey.digest, box: box, expiresIn: token.expiresAt.timeIntervalSince(now()),
                            fetchedBy: Self.fetchedBy),
                        logger: self.logger)
                } catch {
                    throw WriteFailure(error: error)
                }
                return token
            }
        } catch let failure as FetchFailure {
            throw failure.error
        } catch let failure as WriteFailure {
            unavailable(failure.error, reason: "error")
            if let fetched { return fetched }
            return try await fetch()
        } catch {
            // COMMIT failed after the fetch (the session ended while Box was slow): keep that token.
            if let fetched {
                unavailable(error, reason: "error")
                return fetched
            }
            if PostgresErrorText.sqlState(error) == "55P03" {
                metrics.fallback(store: "postgres", reason: "lock-timeout")
                self.logger.warning(
                    "another machine held the PostgreSQL token refresh lock past the lock timeout; fetching a token without it",
                    metadata: ["database": "\(database)"])
            } else {
                unavailable(error, reason: "unreachable")
            }
            return try await fetch()
        }
    }

    /// Deletes the shared row if it holds `token` (in the background: the API refused the token).
    public func remove(_ token: AccessToken) {
        Task {
            try? await connector.withConnection(logger: logger) { connection in
                guard let row = try await read(accessKey, on: connection), openToken(row)?.value == token.value else {
                    return
                }
                try await connection.execute(table.delete(accessKey.digest, generation: row.generation), logger: logger)
            }
        }
    }

    func openToken(_ row: StoredRow) -> AccessToken? {
        guard let plaintext = cipher.open(row.box, associatedData: accessKey.associatedData) else { return nil }
        return (try? JSONDecoder().decode(SealedTokenPayload.self, from: Data(plaintext)))?
            .token(expiresIn: row.expiresIn, now: now())
    }

    /// Notes that the database failed, counting the fallback and warning once.
    func unavailable(_ error: any Error, reason: String) {
        metrics.fallback(store: "postgres", reason: reason)
        availability.failed(database: database, error: error, logger: logger)
    }
}

/// `fetch` failed inside the transaction: rethrown as it is, after the rollback.
private struct FetchFailure: Error {
    let error: any Error
}

/// The token was fetched but could not be written: it is returned all the same.
private struct WriteFailure: Error {
    let error: any Error
}

extension Data {
    /// The bytes as an array.
    var byteArray: [UInt8] { [UInt8](self) }
}
