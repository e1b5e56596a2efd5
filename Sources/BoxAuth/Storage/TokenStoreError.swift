import Foundation

/// A token store that could not do its part in time, or could not keep what Box issued.
///
/// Its category is ``BoxAuthErrorCategory/unavailable`` (the CLI exits 4): trying again later may
/// work. Access token stores do not throw it to their callers (they fetch a token of their own
/// instead); OAuth 2.0 pair stores do, because a refresh token must never be spent twice.
public struct TokenStoreError: BoxAuthError, Hashable {
    private enum Code: Hashable, Sendable {
        case lockTimeout
    }

    private let code: Code
    /// The message.
    public let description: String

    /// Always ``BoxAuthErrorCategory/unavailable``.
    public var category: BoxAuthErrorCategory { .unavailable }

    /// Whether another holder kept the store's lock past the deadline.
    public var isLockTimeout: Bool { code == .lockTimeout }

    /// Another process held the lock file `path` for longer than `timeout`.
    package static func lockTimeout(_ path: String, timeout: Duration) -> Self {
        Self(
            code: .lockTimeout,
            description: "another process held the lock file \(MessageText.escaped(path)) for more than "
                + "\(Self.seconds(timeout)) s (cacheLockTimeout). Try again; if it persists, look for a stuck "
                + "process holding it (fuser \(MessageText.escaped(path))).")
    }

    /// `timeout` in seconds, without a fraction when whole.
    package static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard attoseconds != 0 else { return String(seconds) }
        return String(format: "%.3g", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
