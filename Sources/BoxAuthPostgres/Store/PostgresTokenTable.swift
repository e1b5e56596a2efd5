import BoxAuth
import Foundation
import PostgresNIO

/// The table a ``PostgresTokenStore`` keeps tokens in, and its SQL.
///
/// ```sql
/// CREATE TABLE IF NOT EXISTS box_auth_tokens (
///     cache_key   bytea       PRIMARY KEY,  -- SHA-256 of the row's kind and cache key, never the key
///     ciphertext  bytea       NOT NULL,     -- AES-256-GCM of the token (and refresh token), tag last
///     nonce       bytea       NOT NULL,     -- 96 random bits, new for every write
///     key_version integer     NOT NULL,     -- which derivation of the app's secret sealed it
///     expires_at  timestamptz NOT NULL,     -- the access token's expiry, on the server's clock
///     fetched_at  timestamptz NOT NULL,     -- when it was written, on the server's clock
///     fetched_by  text        NOT NULL,     -- host name and process ID of the writer
///     generation  bigint      NOT NULL      -- 1, then +1 on every write
/// )
/// ```
/// Times are the database server's (`clock_timestamp()`), so the clocks of the machines do not
/// have to agree: readers get the time left, not a date.
struct PostgresTokenTable: Sendable {
    /// The table's name (a plain lowercase SQL identifier, optionally schema-qualified).
    let name: String

    /// A table named `name`.
    /// - Throws: ``PostgresStoreError`` unless `name` is `[a-z_][a-z0-9_]*`, or two such joined by a dot.
    init(name: String) throws(PostgresStoreError) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            (1...2).contains(parts.count)
            && parts.allSatisfy { part in
                guard let first = part.first, first == "_" || ("a"..."z").contains(first), part.count <= 63 else {
                    return false
                }
                return part.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
        guard valid else { throw .invalidTableName(name) }
        self.name = name
    }

    var create: PostgresQuery {
        """
        CREATE TABLE IF NOT EXISTS \(unescaped: name) (
            cache_key bytea PRIMARY KEY, ciphertext bytea NOT NULL, nonce bytea NOT NULL,
            key_version integer NOT NULL, expires_at timestamptz NOT NULL, fetched_at timestamptz NOT NULL,
            fetched_by text NOT NULL, generation bigint NOT NULL)
        """
    }

    /// The table ``PostgresTokenStore/Options`` names by default.
    static let defaultName = "box_auth_tokens"

    /// A row's sealed box, the seconds it has left on the server's clock and its generation; `$1`
    /// is the cache key.
    static func selectSQL(table: String) -> String {
        """
        SELECT ciphertext, nonce, key_version, EXTRACT(EPOCH FROM expires_at - clock_timestamp())::float8, generation
        FROM \(table) WHERE cache_key = $1
        """
    }

    func select(_ key: ByteBuffer) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(key)
        return PostgresQuery(unsafeSQL: Self.selectSQL(table: name), binds: bindings)
    }

    func upsert(_ key: ByteBuffer, box: SealedBox, expiresIn: Double, fetchedBy: String) -> PostgresQuery {
        let ciphertext = ByteBuffer(bytes: box.ciphertext)
        let nonce = ByteBuffer(bytes: box.nonce)
        let version = Int32(clamping: box.keyVersion)
        return """
            INSERT INTO \(unescaped: name) AS t
                (cache_key, ciphertext, nonce, key_version, expires_at, fetched_at, fetched_by, generation)
            VALUES (\(key), \(ciphertext), \(nonce), \(version),
                clock_timestamp() + make_interval(secs => \(expiresIn)), clock_timestamp(), \(fetchedBy), 1)
            ON CONFLICT (cache_key) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce,
                key_version = EXCLUDED.key_version, expires_at = EXCLUDED.expires_at,
                fetched_at = EXCLUDED.fetched_at, fetched_by = EXCLUDED.fetched_by, generation = t.generation + 1
            """
    }

    func delete(_ key: ByteBuffer, generation: Int64) -> PostgresQuery {
        "DELETE FROM \(unescaped: name) WHERE cache_key = \(key) AND generation = \(generation)"
    }

    func delete(_ key: ByteBuffer) -> PostgresQuery {
        "DELETE FROM \(unescaped: name) WHERE cache_key = \(key)"
    }

    /// Settings for the transaction that refreshes: how long to wait for the advisory lock, how long
    /// any one statement may run, and how long the holder may sit idle in it (waiting for Box)
    /// before the server ends its session.
    func limits(lockTimeout: Duration, statementTimeout: Duration, holdTimeout: Duration) -> PostgresQuery {
        let lock = "\(lockTimeout.milliseconds)ms"
        let statement = "\(statementTimeout.milliseconds)ms"
        let hold = "\(holdTimeout.milliseconds)ms"
        return """
            SELECT set_config('lock_timeout', \(lock), true), set_config('statement_timeout', \(statement), true),
                set_config('idle_in_transaction_session_timeout', \(hold), true)
            """
    }

    func lock(_ id: Int64) -> PostgresQuery { "SELECT pg_advisory_xact_lock(\(id))" }
}

extension Duration {
    /// Whole milliseconds, at least 1 and at most PostgreSQL's largest timeout (2³¹ − 1 ms).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int32.max) / 1000 else { return Int64(Int32.max) }
        return max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
