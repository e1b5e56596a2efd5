import Foundation
import Synchronization

/// The emulator's clock: the system clock plus an offset that may change while it serves.
///
/// One instance is shared by the state (which judges assertion `exp` claims and token expiry) and
/// by the `Date` header of every response, so both always tell the same time.
final class EmulatorClock: Sendable {
    private let offset: Mutex<TimeInterval>

    /// A clock `offset` seconds ahead of the system clock (behind when negative).
    init(offset: TimeInterval) {
        self.offset = Mutex(offset)
    }

    /// Seconds the clock runs ahead of the system clock.
    var offsetSeconds: TimeInterval {
        get { offset.withLock { $0 } }
        set { offset.withLock { $0 = newValue } }
    }

    /// The current time on this clock.
    var now: Date { Date().addingTimeInterval(offsetSeconds) }
}
