package import Logging
package import PostgresNIO

/// Where a ``PostgresTokenStore`` gets its connections: the app's pool, a pool the store owns, or a
/// new connection per visit (profiles: no pool to run, nothing left open). `package`: test support
/// connects through it too.
package enum PostgresConnector: Sendable {
    case pool(PostgresClient)
    case direct(PostgresConnection.Configuration)

    /// Runs `body` on a connection.
    package func withConnection<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        switch self {
        case .pool(let client):
            return try await client.withConnection { connection in try await body(connection) }
        case .direct(let configuration):
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: Self.nextID(), logger: logger)
            do {
                let result = try await body(connection)
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    private static let ids = ConnectionIDs()
    static func nextID() -> Int { ids.next() }
}

import Synchronization

/// Connection IDs for direct connections (postgres-nio's logs name them).
private final class ConnectionIDs: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}
