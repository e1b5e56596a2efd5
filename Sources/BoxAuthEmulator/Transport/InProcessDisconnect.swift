/// How an in-process request ends without an answer, where a socket would have been closed or
/// left waiting: thrown by the routes, turned into a `TransportError` by ``EmulatorTransport``.
enum InProcessDisconnect: Error, Sendable, Hashable {
    /// The ``EmulatorFault/closeConnection`` fault: the connection would have been closed.
    case closed
    /// A stall fault held the request until the request's timeout ran out, or until it was
    /// released (``BoxEmulator/clearFaults()``, ``BoxEmulator/stop()``) before answering.
    case stalled
}
