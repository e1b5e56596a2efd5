public import Foundation
import Logging

extension BoxEmulator {
    /// Makes the next `count` token requests get `fault`, after any faults already queued.
    ///
    /// Faults apply to `POST /oauth2/token` only, every grant included (a code exchange or
    /// refresh answered by a fault spends no code or refresh token), in the order they were
    /// injected; each faulted request is still counted in ``EmulatorCounters/tokenRequests`` and
    /// logged in ``tokenRequestLog``.
    ///
    /// ```swift
    /// await emulator.injectFaults(.tooManyRequests(retryAfter: .seconds(1)), count: 2)
    /// await emulator.injectFaults(.status(503))
    /// // the next three token requests get 429, 429, 503; the fourth is answered normally
    /// ```
    /// - Parameters:
    ///   - fault: What the token endpoint does instead of answering normally.
    ///   - count: How many requests get it (at least 1).
    public func injectFaults(_ fault: EmulatorFault, count: Int = 1) async {
        await state.inject(FaultInjection(fault: fault, count: count))
    }

    /// Queues a fault as `box-auth emulator --fault` gives it; the same as
    /// ``injectFaults(_:count:)``.
    public func inject(_ injection: FaultInjection) async {
        await state.inject(injection)
    }

    /// Drops every queued fault and ends the stalls in progress (their connections are closed), so
    /// the next token requests are answered normally.
    public func clearFaults() async {
        await state.clearFaults()
        await stalls.releaseAll()
    }

    /// How many of the next token requests will get a fault (0 when none is queued).
    public var pendingFaults: Int {
        get async { await state.pendingFaults }
    }

    /// The latest token requests (up to 1000), oldest first, with the `jti` and `exp` of their
    /// assertions and the fault each got. Holds no secret.
    ///
    /// ```swift
    /// let jwtIDs = await emulator.tokenRequestLog.compactMap(\.jwtID)
    /// #expect(Set(jwtIDs).count == jwtIDs.count)   // no assertion was sent twice
    /// ```
    public var tokenRequestLog: [RecordedTokenRequest] {
        get async { await state.requestLog }
    }

    /// Seconds the emulator's clock currently runs ahead of the system clock (behind when negative).
    public nonisolated var clockOffset: TimeInterval { clock.offsetSeconds }

    /// Sets the emulator's clock `offset` seconds ahead of the system clock (behind when
    /// negative), while it serves. It judges assertion `exp` claims and token expiry from then on,
    /// and every response's `Date` header shows it, so clients can measure the skew.
    /// - Parameter offset: Seconds ahead of the system clock; 0 tells the system's time.
    public func setClockOffset(_ offset: TimeInterval) {
        clock.offsetSeconds = offset
        configuration.logger.info("Clock offset set", metadata: ["offset": "\(offset)s"])
    }
}
