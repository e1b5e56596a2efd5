import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `query` and reads its rows to the end, so that its errors (a lock timeout) surface here.
    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}
