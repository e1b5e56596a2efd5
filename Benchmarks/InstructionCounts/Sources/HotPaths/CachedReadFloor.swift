import Foundation
import Synchronization

/// The floor of a cached read, as benchmark 3 has it: a `Mutex` read and a `Date()`, behind an
/// async call that does not suspend.
final class CachedReadFloor: Sendable {
    private let expiry = Mutex(Date.distantFuture)

    /// The cached expiry if it is later than now.
    @inline(never)
    func read() async -> Date? {
        let now = Date()
        return expiry.withLock { $0 > now ? $0 : nil }
    }
}
