import Foundation
import Hummingbird
import Synchronization

/// Where ``EmulatorTransport`` has a response body written, to read it whole afterwards.
///
/// A class, because Hummingbird consumes the writer it is given; the bytes are behind a `Mutex`
/// because the body may be written from another task.
final class ResponseBodyCollector: ResponseBodyWriter, Sendable {
    private let buffer = Mutex(Data())

    /// An empty collector.
    init() {}

    /// Appends `part` to the body.
    func write(_ part: ByteBuffer) async throws {
        buffer.withLock { $0.append(contentsOf: part.readableBytesView) }
    }

    /// Ends the body; trailing headers are dropped, as the socket path's clients do.
    func finish(_ trailingHeaders: HTTPFields?) async throws {}

    /// The bytes written so far.
    var bytes: Data { buffer.withLock { $0 } }
}
