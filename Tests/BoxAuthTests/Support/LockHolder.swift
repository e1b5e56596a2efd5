import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stuck holder of a lock file: a `flock` taken on an open file description of its own and never
/// let go until ``release()`` (Linux's `flock` conflicts between open file descriptions of one
/// process as between processes), or a child process `flock --no-fork FILE sleep 1000`.
final class LockHolder: Sendable {
    private let descriptor: Int32
    private let child: Process?

    private init(descriptor: Int32, child: Process?) {
        self.descriptor = descriptor
        self.child = child
    }

    /// Takes `url`'s lock in this process.
    static func holding(_ url: URL) throws -> LockHolder {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { throw HolderFailure() }
        return LockHolder(descriptor: descriptor, child: nil)
    }

    /// Starts `flock --no-fork FILE sleep 1000` and returns once the child holds the lock (the event: a
    /// non-blocking `flock` of ours is refused), never after a fixed wait.
    static func child(holding url: URL) async throws -> LockHolder {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // --no-fork: `sleep` itself holds the lock, so ending it lets the lock go.
        process.arguments = ["--no-fork", url.path, "sleep", "1000"]
        try process.run()
        let probe = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard probe >= 0 else { throw HolderFailure() }
        defer { close(probe) }
        while flock(probe, LOCK_EX | LOCK_NB) == 0 {
            flock(probe, LOCK_UN)
            guard process.isRunning else { throw HolderFailure() }
            try await Task.sleep(for: .milliseconds(10))
        }
        return LockHolder(descriptor: -1, child: process)
    }

    /// Lets the lock go (ends the child).
    func release() {
        if descriptor >= 0 {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
        if let child, child.isRunning {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
    }

    struct HolderFailure: Error {}
}
