import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock` on a lock file, shared by every process that opens the same path.
///
/// Waiting polls a non-blocking `flock` and sleeps between tries, so it never blocks a thread of
/// the cooperative pool. The lock goes with the process: a holder that dies releases it.
package struct FileLock: Sendable {
    /// The lock file (created 0600 when missing).
    package let url: URL

    /// A lock on `url`.
    package init(url: URL) { self.url = url }

    /// Holds the lock while `body` runs.
    /// - Throws: ``ConfigurationError`` when the lock file cannot be opened or locked, with `hint`.
    package func withLock<Result: Sendable>(
        hint: String, _ body: () async throws -> Result
    ) async throws -> Result {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot open the lock file \(MessageText.escaped(url.path)).",
                hint: hint)
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw ConfigurationError(
                    code: .fileUnreadable, message: "cannot lock \(MessageText.escaped(url.path)).", hint: hint)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
