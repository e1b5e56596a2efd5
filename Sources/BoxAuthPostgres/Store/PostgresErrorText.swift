import PostgresNIO

/// Short, secret-free descriptions of postgres-nio's errors, and their SQLSTATE codes.
enum PostgresErrorText {
    /// The error's SQLSTATE (e.g. `55P03`), when the server sent one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// One line: the server's message and SQLSTATE, or the kind of client failure. PSQLError's own
    /// description leaves the query out on purpose ("generic description"); so does this.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
