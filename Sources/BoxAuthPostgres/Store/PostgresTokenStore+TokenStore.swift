public import BoxAuth
import Foundation
public import Logging
import PostgresNIO

extension PostgresTokenStore: TokenStore {
    /// The shared access token, read without a lock; nil when there is none, it does not decrypt,
    /// or the database cannot be reached or does not answer within ``Options/lockTimeout`` (the
    /// warning is logged once).
    public func load() async -> AccessToken? {
        guard availability.shouldTry else { return nil }
        do {
            let row = try await readUnlocked(accessKey)
            availability.succeeded(logger: logger)
            return row.flatMap { openToken($0) }
        } catch {
            unavailable(error, reason: error is PostgresDeadlineExceeded ? "deadline" : "unreachable")
            return nil
        }
    }

    /// A fresh shared token, else one fetched once for every machine under the advisory lock.
    ///
    /// When the database cannot be reached or does not answer, or the lock is not granted, within
    /// ``Options/lockTimeout`` of the call, `fetch` runs without it (the token is not shared) after
    /// one warning.
    public func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        if let token = await load() as AccessToken?, isFresh(token) {
            metrics.cacheHit(tier: "postgres")
            TokenRequestSpan.answered(by: "postgres")
            return token
        }
        guard availability.shouldTry else { return try await fetch() }
        let lease: PostgresLease
        let row: StoredRow?
        do {
            try await createTableIfNeeded()
            (lease, row) = try await beginLocked(accessKey)
        } catch {
            if PostgresErrorText.sqlState(error) == "55P03" {
                metrics.fallback(store: "postgres", reason: "lock-timeout")
                TokenRequestSpan.fallback(store: "postgres", reason: "lock-timeout")
                self.logger.warning(
                    "another machine held the PostgreSQL token refresh lock past the lock timeout; fetching a token without it",
                    metadata: ["database": "\(database)"])
            } else {
                unavailable(error, reason: error is PostgresDeadlineExceeded ? "deadline" : "unreachable")
            }
            return try await fetch()
        }
        if let row, let token = openToken(row), isFresh(token) {
            metrics.cacheHit(tier: "postgres")
            TokenRequestSpan.answered(by: "postgres")
            await rollBack(lease)
            return token
        }
        let token: AccessToken
        do { token = try await fetch() } catch {
            await rollBack(lease)
            throw error
        }
        do {
            let box = try cipher.seal(
                try JSONEncoder().encode(SealedTokenPayload(token)).byteArray, associatedData: accessKey.associatedData)
            try await end(
                lease,
                writing: table.upsert(
                    accessKey.digest, box: box, expiresIn: token.expiresAt.timeIntervalSince(now()),
                    fetchedBy: Self.fetchedBy))
        } catch {
            // The write or COMMIT failed (the session ended while Box was slow): keep the token.
            unavailable(error, reason: "error")
        }
        return token
    }

    /// Deletes the shared row if it holds `token` (in the background: the API refused the token).
    public func remove(_ token: AccessToken) {
        Task {
            guard let lease = try? await lease() else { return }
            defer { lease.release() }
            _ = try? await lease.run(until: lease.deadline, step: "delete") { connection in
                guard let row = try await self.read(self.accessKey, on: connection),
                    self.openToken(row)?.value == token.value
                else { return }
                try await connection.execute(
                    self.table.delete(self.accessKey.digest, generation: row.generation), logger: self.logger)
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
        TokenRequestSpan.fallback(store: "postgres", reason: reason)
        availability.failed(database: database, error: error, logger: logger)
    }
}

extension Data {
    /// The bytes as an array.
    var byteArray: [UInt8] { [UInt8](self) }
}
