import Hummingbird
import Logging
import NIOCore

/// The request context of the emulator's routes: Hummingbird's basics plus how the request
/// arrived, which the ``EmulatorFault/closeConnection`` and stall faults need to end it without
/// answering.
struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters).
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on, or the in-process call that made it.
    let connection: EmulatorConnection

    /// The context of a request that came on a socket.
    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        connection = .socket(source.channel)
    }

    /// The context of a request sent by ``EmulatorTransport``, which gives up on a stall after
    /// `timeout`.
    init(inProcessTimeout timeout: Duration, logger: Logger) {
        coreContext = CoreRequestContextStorage(source: InProcessSource(logger: logger))
        connection = .inProcess(timeout: timeout)
    }

    /// What Hummingbird needs to make a context for an in-process request: only a logger.
    private struct InProcessSource: RequestContextSource {
        let logger: Logger
    }
}
