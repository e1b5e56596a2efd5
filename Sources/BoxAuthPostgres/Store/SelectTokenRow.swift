import PostgresNIO

/// The `SELECT` of one row of the default table (`box_auth_tokens`), as a statement postgres-nio
/// prepares once per pooled connection: later reads skip the server's parse and plan.
///
/// postgres-nio's prepared statements carry their SQL statically, so only the default table has
/// one; a store with another ``PostgresTokenStore/Options/table`` reads with an unnamed statement.
/// A connection remembers a failed preparation for good, so the store uses this statement only
/// once it knows the table exists.
struct SelectTokenRow: PostgresPreparedStatement {
    typealias Row = (ByteBuffer, ByteBuffer, Int32, Double, Int64)

    static let name = "box_auth_tokens_select_v1"
    static let sql = PostgresTokenTable.selectSQL(table: PostgresTokenTable.defaultName)

    /// The row's `cache_key`.
    let key: ByteBuffer

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(key)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
