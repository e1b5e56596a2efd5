import Logging
import PostgresNIO
import Synchronization

/// One connection held for one visit of a ``PostgresTokenStore`` to the database, so that every
/// step of the visit can be waited for with a deadline (``withDeadline(_:step:abandon:discard:_:)``).
///
/// A pooled connection is held by a task of its own inside the pool's `withConnection`, until
/// ``release()``; a direct one is closed by ``release()``. ``abandon()`` closes the connection
/// whatever it is doing (a statement the server never answers ends with it).
final class PostgresLease: Sendable {
    /// The connection.
    let connection: PostgresConnection
    private let returned: AsyncStream<Void>.Continuation?
    /// When the visit's steps must be done: the lock timeout after the connection was made.
    private(set) var deadline: ContinuousClock.Instant {
        get { deadlineState.withLock { $0 } }
        set { deadlineState.withLock { $0 = newValue } }
    }
    private let deadlineState = Mutex(ContinuousClock.now)

    private init(connection: PostgresConnection, returned: AsyncStream<Void>.Continuation?) {
        self.connection = connection
        self.returned = returned
    }

    /// A connection from `connector`, waited for at most until `connectBy`; its steps get
    /// `stepTime` from when it is made.
    /// - Throws: ``PostgresDeadlineExceeded`` past the deadline; postgres-nio's error when the
    ///   database refuses or cannot be reached.
    static func take(
        from connector: PostgresConnector, connectBy: ContinuousClock.Instant, stepTime: Duration, logger: Logger
    ) async throws -> PostgresLease {
        let lease = try await connect(connector, deadline: connectBy, logger: logger)
        lease.deadline = .now + stepTime
        return lease
    }

    private static func connect(
        _ connector: PostgresConnector, deadline: ContinuousClock.Instant, logger: Logger
    ) async throws -> PostgresLease {
        switch connector {
        case .direct(let configuration):
            return try await withDeadline(
                deadline, step: "connect", discard: { $0.release() },
                {
                    let connection = try await PostgresConnection.connect(
                        configuration: configuration, id: PostgresConnector.nextID(), logger: logger)
                    return PostgresLease(connection: connection, returned: nil)
                })
        case .pool(let client):
            return try await withDeadline(
                deadline, step: "connect", discard: { $0.release() },
                {
                    try await withCheckedThrowingContinuation { handOver in
                        Task {
                            let (returned, returnedContinuation) = AsyncStream<Void>.makeStream()
                            do {
                                try await client.withConnection { connection in
                                    handOver.resume(
                                        returning: PostgresLease(
                                            connection: connection, returned: returnedContinuation))
                                    for await _ in returned {}
                                }
                            } catch {
                                // Resumed only when no connection was handed over.
                                handOver.resume(throwing: error)
                            }
                        }
                    }
                })
        }
    }

    /// Runs `body` on the connection, waiting at most until `deadline`; past it the connection is
    /// closed (ending the statement) and ``PostgresDeadlineExceeded`` thrown.
    func run<Result: Sendable>(
        until deadline: ContinuousClock.Instant, step: String,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = connection
        return try await withDeadline(deadline, step: step, abandon: { [self] in abandon() }) {
            try await body(connection)
        }
    }

    /// Gives the connection back: to its pool, or closed.
    func release() {
        if let returned {
            returned.finish()
        } else {
            close()
        }
    }

    /// Closes the connection (a statement in flight fails) and gives it back.
    func abandon() {
        close()
        returned?.finish()
    }

    /// Closes the connection, keeping it alive until it is closed (postgres-nio asserts that a
    /// connection is closed before it is freed).
    private func close() {
        let connection = connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
