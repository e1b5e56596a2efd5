import BoxAuth
import Foundation
import Logging
import PostgresNIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A row as read: the sealed box, the seconds its token has left on the server's clock, its generation.
struct StoredRow: Sendable {
    let box: SealedBox
    let expiresIn: Double
    let generation: Int64
}

extension StoredRow {
    /// The row as the `SELECT` returns it.
    init(_ row: SelectTokenRow.Row) {
        let (ciphertext, nonce, version, expiresIn, generation) = row
        self.init(
            box: SealedBox(
                nonce: Array(nonce.readableBytesView), ciphertext: Array(ciphertext.readableBytesView),
                keyVersion: Int(version)),
            expiresIn: expiresIn, generation: generation)
    }
}

extension PostgresTokenStore {
    /// The row of `key`, or nil; a missing table reads as no row.
    ///
    /// On a pooled connection, once the default table is known to exist, the read is the prepared
    /// ``SelectTokenRow``; otherwise an unnamed statement (a connection per visit would pay an extra
    /// round trip to prepare).
    func read(_ key: RowKey, on connection: PostgresConnection) async throws -> StoredRow? {
        do {
            if usesPreparedRead, availability.hasTable(table.name) {
                for try await row in try await connection.execute(SelectTokenRow(key: key.digest), logger: logger) {
                    return StoredRow(row)
                }
                return nil
            }
            let rows = try await connection.query(table.select(key.digest), logger: logger)
            // The statement ran, so the table exists: later reads may be prepared.
            if usesPreparedRead { availability.addTable(table.name) }
            for try await row in rows.decode(SelectTokenRow.Row.self) { return StoredRow(row) }
            return nil
        } catch  where PostgresErrorText.sqlState(error) == "42P01" {
            return nil
        }
    }

    /// Whether reads may use the prepared statement: over a pool, on the default table.
    var usesPreparedRead: Bool {
        guard case .pool = connector else { return false }
        return table.name == PostgresTokenTable.defaultName
    }

    /// Creates the table once per process, serialized by an advisory lock so that processes
    /// starting together do not race on the catalog.
    func createTableIfNeeded() async throws {
        guard !availability.hasTable(table.name) else { return }
        let lockID = RowKey(kind: "create-table", key: [table.name]).lockID
        let lease = try await lease()
        let deadline = lease.deadline
        let lockTimeout = max(deadline - .now, .milliseconds(1))
        do {
            try await lease.run(until: deadline + Self.serverGrace, step: "create the table") { connection in
                try await self.beginTransaction(on: connection, lockTimeout: lockTimeout)
                try await connection.execute(self.table.lock(lockID), logger: self.logger)
                try await connection.execute(self.table.create, logger: self.logger)
                try await connection.execute("COMMIT", logger: self.logger)
            }
            lease.release()
        } catch  where ["42P07", "23505"].contains(PostgresErrorText.sqlState(error)) {
            // Created by a process that did not take the lock (an older or foreign one): it exists.
            await rollBack(lease)
        } catch {
            await rollBack(lease)
            throw error
        }
        availability.addTable(table.name)
    }

    /// `host pid N`: who wrote a row (no user, key or secret).
    static let fetchedBy: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        return "\(host) pid \(getpid())"
    }()
}
