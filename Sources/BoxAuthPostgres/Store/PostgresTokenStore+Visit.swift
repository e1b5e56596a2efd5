import BoxAuth
import Logging
import PostgresNIO

/// How a ``PostgresTokenStore`` visits the database: each wait (connecting; then reading, taking
/// the lock, writing) lasts at most ``Options/lockTimeout`` (connecting may take the URL's own
/// `connect_timeout` when it sets a longer one), and the server is told the same limits
/// (`statement_timeout`, `lock_timeout`), so a stalled database or a lock held by a stuck session
/// makes the store's fallback apply instead of a wait without end.
extension PostgresTokenStore {
    /// The deadline of a wait that begins now.
    var callDeadline: ContinuousClock.Instant { .now + options.lockTimeout }

    /// How much later than the server's own `statement_timeout` and `lock_timeout` the client
    /// gives up on a statement: a server that answers (however busy) reports its own timeout first;
    /// the client's deadline is for a server that does not answer at all.
    static let serverGrace: Duration = .seconds(5)

    /// A connection, made within the lock timeout (or the URL's explicit, longer `connect_timeout`);
    /// its steps must be done within the lock timeout after it was made.
    func lease() async throws -> PostgresLease {
        var connectBy = callDeadline
        if let connectTimeout { connectBy = max(connectBy, .now + connectTimeout) }
        return try await PostgresLease.take(
            from: connector, connectBy: connectBy, stepTime: options.lockTimeout, logger: logger)
    }

    /// Begins a transaction on `connection` whose locks wait at most `lockTimeout`, whose
    /// statements run at most the store's lock timeout, and which the server ends when it is held
    /// past the hold timeout.
    func beginTransaction(on connection: PostgresConnection, lockTimeout: Duration) async throws {
        try await connection.execute("BEGIN", logger: logger)
        try await connection.execute(
            table.limits(
                lockTimeout: lockTimeout, statementTimeout: options.lockTimeout, holdTimeout: options.holdTimeout),
            logger: logger)
    }

    /// The row of `key`, read without a lock.
    func readUnlocked(_ key: RowKey) async throws -> StoredRow? {
        let lease = try await lease()
        defer { lease.release() }
        return try await lease.run(until: lease.deadline + Self.serverGrace, step: "read") {
            try await self.read(key, on: $0)
        }
    }

    /// Begins the refresh transaction on a new connection, sets its limits, takes `key`'s advisory
    /// lock and reads the row. The caller ends it with ``end(_:writing:)``.
    func beginLocked(_ key: RowKey) async throws -> (PostgresLease, StoredRow?) {
        let lease = try await lease()
        let deadline = lease.deadline
        let lockTimeout = max(deadline - .now, .milliseconds(1))
        do {
            let row = try await lease.run(until: deadline + Self.serverGrace, step: "lock") { connection in
                try await self.beginTransaction(on: connection, lockTimeout: lockTimeout)
                let started = ContinuousClock.now
                try await connection.execute(self.table.lock(key.lockID), logger: self.logger)
                let waited = ContinuousClock.now - started
                self.metrics.lockAcquired(store: "postgres", waited: waited)
                TokenRequestSpan.lockAcquired(store: "postgres", waited: waited)
                return try await self.read(key, on: connection)
            }
            return (lease, row)
        } catch {
            await rollBack(lease)
            throw error
        }
    }

    /// Runs `write` (if any) and commits, by a deadline ``Options/lockTimeout`` from now; rolls
    /// back when either fails.
    func end(_ lease: PostgresLease, writing write: PostgresQuery?) async throws {
        do {
            try await lease.run(until: callDeadline + Self.serverGrace, step: "write") { connection in
                if let write { try await connection.execute(write, logger: self.logger) }
                try await connection.execute("COMMIT", logger: self.logger)
            }
            lease.release()
        } catch {
            await rollBack(lease)
            throw error
        }
    }

    /// Ends the transaction without writing: `ROLLBACK` (by the lock timeout), else the
    /// connection is closed, which ends it on the server too.
    func rollBack(_ lease: PostgresLease) async {
        do {
            try await lease.run(until: callDeadline, step: "rollback") { connection in
                try await connection.execute("ROLLBACK", logger: self.logger)
            }
            lease.release()
        } catch {
            lease.abandon()
        }
    }
}
