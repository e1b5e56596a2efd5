import BoxAuth
import Foundation
import Synchronization

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

/// Catches the relayed signals while a child runs and passes them on from a thread of its own.
///
/// The handler only writes the signal's number (and whether the kernel sent it, as the terminal
/// does) to a pipe, which is all a signal handler may safely do; the thread reads the pipe and
/// signals the child.
private final class SignalRelay {
    /// The write end of the pipe, for the handler (-1 when no child runs).
    static let handlerPipe = Atomic<Int32>(-1)

    private let readEnd: Int32
    private let writeEnd: Int32
    private let previous: [(Int32, sigaction)]
    private let stopped = DispatchSemaphore(value: 0)

    /// Installs the handlers for `signals` that are not ignored; nil if the pipe cannot be made.
    init?(signals: [Int32]) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        readEnd = ends[0]
        writeEnd = ends[1]
        Self.handlerPipe.store(ends[1], ordering: .sequentiallyConsistent)
        var previous: [(Int32, sigaction)] = []
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            if Self.isIgnored(current) { continue }
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_sigaction = relaySignal
            #else
            action.__sigaction_handler.sa_sigaction = relaySignal
            #endif
            action.sa_flags = SA_SIGINFO | SA_RESTART
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append((signal, old))
        }
        self.previous = previous
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
        let handler = action.__sigaction_u.__sa_handler
        #else
        let handler = action.__sigaction_handler.sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Starts passing caught signals on to `pid` (including any caught before it started).
    func forward(to pid: pid_t) {
        let readEnd = readEnd
        let stopped = stopped
        let thread = Thread {
            defer { stopped.signal() }
            var message: (UInt8, UInt8) = (0, 0)
            while true {
                let count = withUnsafeMutableBytes(of: &message) { read(readEnd, $0.baseAddress, 2) }
                if count < 0 && errno == EINTR { continue }
                guard count == 2, message.0 != 0 else { return }
                // A signal from the terminal reached the whole foreground group, the child included.
                if message.1 == 0 { kill(pid, Int32(message.0)) }
            }
        }
        thread.start()
    }

    /// Stops the forwarding thread started by ``forward(to:)`` and waits for it.
    func finish() {
        var stop: (UInt8, UInt8) = (0, 0)
        while withUnsafeBytes(of: &stop, { write(writeEnd, $0.baseAddress, 2) }) < 0 && errno == EINTR {}
        stopped.wait()
    }

    /// Puts the previous handlers back and closes the pipe.
    func stop() {
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        Self.handlerPipe.store(-1, ordering: .sequentiallyConsistent)
        close(readEnd)
        close(writeEnd)
    }
}

/// The signal handler: writes the signal's number and whether the kernel sent it to the relay's pipe.
private let relaySignal: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signal, info, _ in
    let savedErrno = errno
    defer { errno = savedErrno }
    let descriptor = SignalRelay.handlerPipe.load(ordering: .sequentiallyConsistent)
    guard descriptor >= 0 else { return }
    #if canImport(Darwin)
    let fromKernel = info.map { $0.pointee.si_pid == 0 } ?? false
    #else
    let fromKernel = info.map { $0.pointee.si_code == SI_KERNEL } ?? false
    #endif
    var message: (UInt8, UInt8) = (UInt8(truncatingIfNeeded: signal), fromKernel ? 1 : 0)
    _ = withUnsafeBytes(of: &message) { write(descriptor, $0.baseAddress, 2) }
}
