import BoxAuth
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `box-auth exec`'s program as a shell runs a foreground command: in box-auth's own process
/// group (so an interactive program can read the terminal), with box-auth's standard streams and
/// no blocked signals, while box-auth relays the signals that would end it.
///
/// While the program runs, SIGINT, SIGTERM, SIGHUP and SIGQUIT that reach box-auth do not end it:
/// each one another process sends is passed on to the program. One that the terminal sends (Ctrl-C,
/// Ctrl-\, a hangup) is not passed on, since it reaches the whole foreground process group and so
/// the program already. A signal box-auth was started with ignored (`nohup`, `&` in a script) stays
/// ignored, in the program too, as shells do.
enum ChildProcess {
    /// The signals relayed to the program.
    static let relayedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The status when the program cannot be found, as shells give.
    static let notFoundStatus: Int32 = 127
    /// The status when the program is found but cannot be run, as shells give.
    static let notExecutableStatus: Int32 = 126

    /// Runs `program` (looked up on `PATH` when it has no slash) and waits for it on threads of its
    /// own, without blocking the cooperative pool.
    /// - Returns: The program's exit status, or 128 + N when signal N ended it (as shells report);
    ///   127 when it cannot be found, 126 when it cannot be run.
    static func run(program: String, arguments: [String], environment: [String: String]) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: runBlocking(program: program, arguments: arguments, environment: environment))
            }
        }
    }

    private static func runBlocking(program: String, arguments: [String], environment: [String: String]) -> Int32 {
        guard let relay = SignalRelay(signals: relayedSignals) else {
            Console.error("box-auth: cannot relay signals to \(MessageText.quoted(program)); it was not started.")
            return notExecutableStatus
        }
        defer { relay.stop() }
        let pid: pid_t
        switch spawn(program: program, arguments: arguments, environment: environment) {
        case .success(let spawned):
            pid = spawned
        case .failure(let failure):
            let code = failure.code
            let notFound = code == ENOENT || code == ENOTDIR
            let reason =
                notFound
                ? (program.contains("/") ? "not found." : "not found on the PATH.")
                : "cannot be run (\(String(cString: strerror(code))))."
            Console.error("box-auth: \(MessageText.quoted(program)): \(reason)")
            return notFound ? notFoundStatus : notExecutableStatus
        }
        relay.forward(to: pid)
        // Wait for the end without reaping, so the pid cannot be reused while signals may still go to it.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        relay.finish()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return shellStatus(status)
    }

    /// The status as a shell reports it: the exit code, or 128 + the signal that ended the program.
    static func shellStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Starts the program with an empty signal mask (box-auth's threads block some signals) in
    /// box-auth's process group; the relay's handlers are reset to the defaults by `exec`.
    private static func spawn(
        program: String, arguments: [String], environment: [String: String]
    ) -> Result<pid_t, SpawnFailure> {
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t? = nil
        #else
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, program, nil, &attributes, argv, envp)
        return code == 0 ? .success(pid) : .failure(SpawnFailure(code: code))
    }

    /// Why `posix_spawnp` failed: its error number.
    private struct SpawnFailure: Error {
        let code: Int32
    }
}
