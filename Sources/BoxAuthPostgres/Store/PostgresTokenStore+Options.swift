public import BoxAuth
public import Foundation

extension PostgresTokenStore {
    /// The table and the time limits of a ``PostgresTokenStore``.
    public struct Options: Sendable, Hashable {
        /// The table (created on first use): a lowercase SQL identifier, optionally `schema.table`.
        /// With the default, reads over a pool are prepared statements (no parse or plan per read).
        public var table: String
        /// The deadline of every store call (the profile's `cacheLockTimeout`): how long a caller
        /// waits for the database (connecting, reading, another machine's refresh) before fetching
        /// its own token (access tokens) or failing (OAuth 2.0 pairs, which must never be refreshed
        /// twice). The server gets it as `statement_timeout` and `lock_timeout` too.
        public var lockTimeout: Duration
        /// How long a refresher may wait for Box while it holds the lock; the server ends a session
        /// idle in its transaction for longer (`idle_in_transaction_session_timeout`), releasing it.
        /// Profiles derive it from their retry settings (``requiredHoldTimeout(for:)``) so that it always
        /// outlasts the longest refresh.
        public var holdTimeout: Duration
        /// How long the database is skipped after it could not be reached.
        public var retryAfter: Duration
        /// The folder of the recovery file of OAuth 2.0 pairs (see ``PostgresTokenStore/recoveryFile``);
        /// nil: the state folder, `$XDG_STATE_HOME/box-auth` (default `~/.local/state/box-auth`).
        public var recoveryFolder: URL?

        /// The defaults: `box_auth_tokens`, 10 s lock timeout, 2 min 40 s hold timeout (what the
        /// default retry settings need), 30 s retry, recovery in the state folder.
        public init(
            table: String = "box_auth_tokens", lockTimeout: Duration = .seconds(10),
            holdTimeout: Duration = Options.requiredHoldTimeout(for: ProfileOptions()),
            retryAfter: Duration = .seconds(30), recoveryFolder: URL? = nil
        ) {
            self.table = table
            self.lockTimeout = lockTimeout
            self.holdTimeout = holdTimeout
            self.retryAfter = retryAfter
            self.recoveryFolder = recoveryFolder
        }

        /// The longest a lock may be held: one hour. Retry settings whose refresh could take
        /// longer are refused for profiles with `"cache": "postgres"`.
        public static let maximumHoldTimeout: Duration = .seconds(3600)

        /// Seconds allowed in the hold timeout beyond the refreshes: reading the store again between
        /// them, and the write.
        public static let holdAllowance: TimeInterval = 30

        /// The hold timeout a profile's settings need: two refreshes (an OAuth 2.0 refresh that
        /// Box refuses is tried once more with a pair another machine stored), each as long as
        /// ``RetryPolicy/longestFetch(timeout:)`` allows under `timeout`, `maxAttempts` and
        /// `retryDeadline`, plus ``holdAllowance``.
        public static func requiredHoldTimeout(for options: ProfileOptions) -> Duration {
            .clampedSeconds(2 * options.retryPolicy.longestFetch(timeout: options.timeout) + holdAllowance)
        }
    }
}
