public import Foundation
public import Logging

extension BoxEmulator {
    /// How the emulator issues tokens, reads its clock and logs.
    public struct Configuration: Sendable {
        /// `expires_in` of issued tokens, in seconds. 0 issues tokens that are already expired.
        /// This is the starting lifetime; ``BoxEmulator/setTokenLifetime(_:)`` changes it while the
        /// emulator serves.
        public var tokenLifetime: Int
        /// How long a refresh token works, on the emulator's clock (default 60 days, as Box's).
        /// Each refresh token is good for one refresh grant, which returns a new one.
        public var refreshTokenLifetime: TimeInterval = 60 * 86400
        /// How long an authorization code works, on the emulator's clock (default 30 s, as Box's).
        public var authorizationCodeLifetime: TimeInterval = 30
        /// Seconds added to the system clock to make the emulator's clock, which judges assertion
        /// `exp` claims and token expiry and dates every response (`Date` header). A positive
        /// offset plays a server that runs ahead. This is the starting offset;
        /// ``BoxEmulator/setClockOffset(_:)`` changes it while the emulator serves.
        public var clockOffset: TimeInterval
        /// Where the emulator logs requests and rejections; secrets never reach it. By default
        /// only warnings and errors are logged (``quietLogger``), so tests stay quiet; pass a
        /// logger at `.info` to see every request.
        public var logger: Logger
        /// How long ``BoxEmulator/stop()`` lets open requests finish before it cuts them off
        /// (default 5 s). Requests held by a stall fault are cut off at once whatever this is.
        public var shutdownGracePeriod: Duration = .seconds(5)

        /// Creates a configuration.
        /// - Parameters:
        ///   - tokenLifetime: `expires_in` of issued tokens, in seconds (Box uses about an hour).
        ///   - clockOffset: Seconds the emulator's clock runs ahead of the system clock.
        ///   - logger: Where requests and rejections are logged; by default warnings and errors only.
        public init(
            tokenLifetime: Int = 3600, clockOffset: TimeInterval = 0,
            logger: Logger = Configuration.quietLogger
        ) {
            self.tokenLifetime = tokenLifetime
            self.clockOffset = clockOffset
            self.logger = logger
        }

        /// The default logger: label `box-auth.emulator`, logging warnings and errors only.
        public static var quietLogger: Logger {
            var logger = Logger(label: "box-auth.emulator")
            logger.logLevel = .warning
            return logger
        }
    }
}
