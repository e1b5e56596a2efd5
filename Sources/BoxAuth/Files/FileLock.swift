package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock` on a lock file, shared by every process that opens the same path, waited
/// for at most ``timeout``.
///
/// Waiting polls a non-blocking `flock` and sleeps between tries, so it never blocks a thread of
/// the cooperative pool. The lock goes with the process: a holder that dies releases it; one that
/// hangs holds up the others only until their ``timeout``, after which each applies its store's
/// fallback. The lock file is opened with `O_NOFOLLOW` and checked on its descriptor (see
/// ``OwnedDescriptor``): a link, or a file another user owns or may write, is refused.
package struct FileLock: Sendable {
    /// The lock file (created 0600 when missing).
    package let url: URL
    /// How long ``withLock(hint:_:)`` waits for another holder.
    package let timeout: Duration

    /// How long a lock is waited for unless the profile's `cacheLockTimeout` says otherwise: 10 s.
    package static let defaultTimeout: Duration = .seconds(10)

    /// A lock on `url`, waited for at most `timeout`.
    package init(url: URL, timeout: Duration = defaultTimeout) {
        self.url = url
        self.timeout = timeout
    }

    /// Holds the lock while `body` runs.
    /// - Throws: ``TokenStoreError`` (``TokenStoreError/isLockTimeout``) when another holder kept
    ///   it past ``timeout``; ``ConfigurationError`` when the lock file cannot be opened or locked,
    ///   or is refused (with `hint`); what `body` throws.
    package func withLock<Result: Sendable>(
        hint: String, _ body: () async throws -> Result
    ) async throws -> Result {
        // `open` never returns nil with O_CREAT.
        guard let descriptor = try OwnedDescriptor.open(url, flags: O_RDWR | O_CREAT, hint: hint) else {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot open the lock file \(MessageText.escaped(url.path)).",
                hint: hint)
        }
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pause = Duration.milliseconds(2)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw ConfigurationError(
                    code: .fileUnreadable, message: "cannot lock \(MessageText.escaped(url.path)).", hint: hint)
            }
            let now = clock.now
            guard now < deadline else { throw TokenStoreError.lockTimeout(url.path, timeout: timeout) }
            try await Task.sleep(for: min(pause, deadline - now))
            pause = min(pause * 2, .milliseconds(50))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
