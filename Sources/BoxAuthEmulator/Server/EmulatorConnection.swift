import NIOCore

/// How a request reached the emulator: over a socket, whose connection a fault can close, or
/// in-process through ``EmulatorTransport``, where closing is reported to the caller instead.
enum EmulatorConnection: Sendable {
    /// A TCP connection accepted by the HTTP server.
    case socket(any Channel)
    /// A call of ``EmulatorTransport/send(_:)``; `timeout` is the request's, after which a stalled
    /// request gives up.
    case inProcess(timeout: Duration)
}
