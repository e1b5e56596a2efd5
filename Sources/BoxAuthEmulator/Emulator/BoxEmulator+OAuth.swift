public import Foundation

extension BoxEmulator {
    /// Sets `expires_in` of the access tokens issued from now on, by every grant, while the
    /// emulator serves (``Configuration/tokenLifetime`` keeps the starting value).
    ///
    /// A client test can sign in with tokens that are stale at once, then let refreshes get
    /// normal ones:
    /// ```swift
    /// await emulator.setTokenLifetime(0)
    /// // ... exchange an authorization code: expires_in is 0 ...
    /// await emulator.setTokenLifetime(3600)
    /// // ... the client refreshes: expires_in is 3600 ...
    /// ```
    /// - Parameter seconds: The lifetime; 0 (or less) issues tokens that are already expired.
    public func setTokenLifetime(_ seconds: Int) async {
        await state.setTokenLifetime(seconds)
    }

    /// `expires_in` of the next access tokens, in seconds.
    public var tokenLifetime: Int {
        get async { await state.tokenLifetime }
    }

    /// Moves the emulator's clock `seconds` forward (back when negative), as
    /// ``setClockOffset(_:)`` does, so that tests can expire authorization codes (30 s), tokens
    /// and refresh tokens (60 days) without waiting.
    /// - Parameter seconds: How far to move the clock.
    public func advanceClock(by seconds: TimeInterval) {
        setClockOffset(clock.offsetSeconds + seconds)
    }
}
