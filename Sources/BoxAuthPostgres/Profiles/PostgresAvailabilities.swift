import Synchronization

/// The process's ``PostgresAvailability`` per database, so that profiles sharing a database report
/// an outage once.
final class PostgresAvailabilities: Sendable {
    static let shared = PostgresAvailabilities()
    private let byDatabase = Mutex<[String: PostgresAvailability]>([:])

    func availability(for url: PostgresCacheURL, retryAfter: Duration) -> PostgresAvailability {
        let name = PostgresTokenStore.name(host: url.host, port: url.port, url.database)
        return byDatabase.withLock { map in
            if let existing = map[name] { return existing }
            let availability = PostgresAvailability(retryAfter: retryAfter)
            map[name] = availability
            return availability
        }
    }
}
