public import Foundation
import Synchronization

/// The measured offset between the token endpoint's clock and this machine's, kept per provider so
/// that every later assertion is dated in the server's time.
public final class ClockSkew: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    /// No offset yet.
    public init() {}

    /// Server time minus local time, in seconds (0 until a skew has been measured).
    public var seconds: TimeInterval { offset.withLock { $0 } }

    /// The local time corrected by the offset.
    public func now() -> Date { Date().addingTimeInterval(seconds) }

    /// Records the offset shown by a server's `Date` header received at `localDate`.
    /// - Returns: The new offset, or nil when the header is missing or unreadable.
    @discardableResult
    public func measure(serverDate header: String?, receivedAt localDate: Date = Date()) -> TimeInterval? {
        guard let header, let serverDate = HTTPDate.parse(header) else { return nil }
        let measured = serverDate.timeIntervalSince(localDate)
        offset.withLock { $0 = measured }
        return measured
    }
}
