public import BoxAuth

/// A PostgreSQL token store that cannot do what was asked; messages name the database by host, port
/// and name, never by its password, and say what to do.
public struct PostgresStoreError: BoxAuthError {
    private enum Code: Sendable {
        case invalidTableName
        case unavailable
        case lockTimeout
    }

    private let code: Code
    private let message: String

    /// The error's category: a bad table name is configuration; the rest is unavailability.
    public var category: BoxAuthErrorCategory { code == .invalidTableName ? .configuration : .unavailable }

    /// The message.
    public var description: String { message }

    /// The table name is not a plain SQL identifier.
    static func invalidTableName(_ name: String) -> Self {
        Self(
            code: .invalidTableName,
            message: "the token table name '\(name.prefix(80))' is not a plain SQL identifier; "
                + "use lowercase letters, digits and underscores (optionally schema.table).")
    }

    /// The database could not be used for an operation that has no fallback (OAuth 2.0 token pairs).
    static func unavailable(_ database: String, operation: String, detail: String) -> Self {
        Self(
            code: .unavailable,
            message: "cannot \(operation) in the PostgreSQL token store at \(database): \(detail). "
                + "The OAuth 2.0 sign-in is kept only there: check that the database is up and reachable, then try again."
        )
    }

    /// Another holder kept the refresh lock longer than the lock timeout.
    static func lockTimeout(_ database: String) -> Self {
        Self(
            code: .lockTimeout,
            message: "another process held the token refresh lock in the PostgreSQL token store at \(database) "
                + "past the lock timeout. Try again; if it persists, look for a stuck holder in pg_locks.")
    }
}
