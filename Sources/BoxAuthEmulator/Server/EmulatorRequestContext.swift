import Hummingbird
import NIOCore

/// The request context of the emulator's routes: Hummingbird's basics plus the connection, which
/// the ``EmulatorFault/closeConnection`` fault closes without answering.
struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters).
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
