import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches the relayed signals while a child runs and passes them on from a thread of its own.
///
/// The handler only writes the signal's number (and whether the kernel sent it, as the terminal
/// does) to a pipe, which is all a signal handler may safely do; the thread reads the pipe and
/// signals the child.
final class SignalRelay {
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
