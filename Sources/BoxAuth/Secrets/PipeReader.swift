import Foundation
import Synchronization

/// Reads a child's pipe to its end on a background thread, keeping at most `limit` bytes.
///
/// Reading while the child runs keeps a large output from filling the pipe and blocking the child.
/// Past `limit` the reader stops keeping bytes; with `onOverflow` it calls it (to kill the child)
/// and stops reading, without it it drains the rest.
final class PipeReader: Sendable {
    /// Signalled once the pipe has ended (or the reader stopped at the limit).
    let finished = DispatchSemaphore(value: 0)
    private let state = Mutex(State())

    private struct State {
        var data = Data()
        var overflowed = false
    }

    init(_ handle: FileHandle, limit: Int, onOverflow: (@Sendable () -> Void)?) {
        DispatchQueue.global().async { [self] in
            defer {
                try? handle.close()
                finished.signal()
            }
            while true {
                guard let chunk = try? handle.read(upToCount: 16 * 1024), !chunk.isEmpty else { return }
                let overflowed = state.withLock { state -> Bool in
                    let room = limit - state.data.count
                    if chunk.count > room {
                        state.data.append(chunk.prefix(max(room, 0)))
                        state.overflowed = true
                    } else {
                        state.data.append(chunk)
                    }
                    return state.overflowed
                }
                if overflowed, let onOverflow {
                    onOverflow()
                    return
                }
            }
        }
    }

    /// The bytes kept (at most `limit`).
    var data: Data { state.withLock { $0.data } }

    /// Whether the pipe carried more than `limit` bytes.
    var overflowed: Bool { state.withLock { $0.overflowed } }

    /// The kept bytes as one line of text for a message: the first non-empty line, or nil.
    var text: String? {
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }
}
