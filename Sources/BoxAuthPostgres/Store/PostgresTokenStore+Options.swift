extension PostgresTokenStore {
    /// The table and the time limits of a ``PostgresTokenStore``.
    public struct Options: Sendable, Hashable {
        /// The table (created on first use): a lowercase SQL identifier, optionally `schema.table`.
        /// With the default, reads over a pool are prepared statements (no parse or plan per read).
        public var table: String
        /// How long a caller waits for another machine's refresh before fetching its own token
        /// (access tokens) or failing (OAuth 2.0 pairs, which must never be refreshed twice).
        public var lockTimeout: Duration
        /// How long a refresher may wait for Box while it holds the lock; the server ends a session
        /// idle in its transaction for longer (`idle_in_transaction_session_timeout`), releasing it.
        public var holdTimeout: Duration
        /// How long the database is skipped after it could not be reached.
        public var retryAfter: Duration

        /// The defaults: `box_auth_tokens`, 10 s lock timeout, 60 s hold timeout, 30 s retry.
        public init(
            table: String = "box_auth_tokens", lockTimeout: Duration = .seconds(10),
            holdTimeout: Duration = .seconds(60), retryAfter: Duration = .seconds(30)
        ) {
            self.table = table
            self.lockTimeout = lockTimeout
            self.holdTimeout = holdTimeout
            self.retryAfter = retryAfter
        }
    }
}
