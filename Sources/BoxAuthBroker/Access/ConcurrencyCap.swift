import Synchronization

/// How many requests each client may have in flight at once, so one busy or hostile client cannot
/// take every worker from the others.
package final class ConcurrencyCap: Sendable {
    /// The most requests one client may have in flight.
    package let limit: Int
    private let inFlight = Mutex<[String: Int]>([:])

    package init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` as one of `client`'s requests.
    /// - Throws: ``BrokerFailure`` 429 when the client is at its limit (`body` does not run).
    package func run<Result: Sendable>(
        for client: String, _ body: () async -> Result
    ) async throws(BrokerFailure) -> Result {
        let admitted = inFlight.withLock { counts -> Bool in
            let count = counts[client, default: 0]
            guard count < limit else { return false }
            counts[client] = count + 1
            return true
        }
        guard admitted else { throw .tooManyRequests(limit: limit) }
        defer {
            inFlight.withLock { counts in
                let count = counts[client, default: 1] - 1
                counts[client] = count == 0 ? nil : count
            }
        }
        return await body()
    }

    /// How many requests `client` has in flight.
    package func count(for client: String) -> Int { inFlight.withLock { $0[client, default: 0] } }
}
