package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program without a shell, with a hard deadline, and returns what it printed: the one
/// place box-auth starts a helper program and waits for it (secret commands, `secret-tool`).
///
/// The program's environment is exactly ``environment``; its standard input is ``input`` (then
/// end of file) or `/dev/null`. Standard output is read while the program runs (a large output
/// cannot fill the pipe and deadlock) and capped at ``outputLimit``; standard error is kept only in
/// part, for messages. At the deadline the program's whole process group is killed (the program and
/// the children it started, unless they left it) and the pipes are closed even when a child still
/// holds them open, so nothing is left waiting.
package struct ChildProgram: Sendable {
    /// What the program did.
    package struct Outcome: Sendable {
        /// Its exit status, or the signal that ended it when ``wasSignalled``.
        package var status: Int32
        /// Whether a signal ended it.
        package var wasSignalled: Bool
        /// Its standard output (at most ``ChildProgram/outputLimit`` bytes).
        package var output: Data
        /// Whether it printed more than ``ChildProgram/outputLimit`` (it was then stopped).
        package var overflowed: Bool
        /// The first non-empty line of its standard error, if any.
        package var errorText: String?
    }

    /// Why no ``Outcome``.
    package enum Failure: Error, Sendable {
        /// The program could not be started (or its input could not be handed over).
        case cannotStart
        /// It did not finish before the deadline, so it was killed.
        case timedOut
    }

    /// The program's file.
    package var executable: URL
    /// Its arguments (without the program itself).
    package var arguments: [String]
    /// Its whole environment.
    package var environment: [String: String]
    /// Its working folder, when that folder exists.
    package var workingDirectory: URL?
    /// What it reads on standard input (at most 32 KiB), or nil for `/dev/null`.
    package var input: Data?
    /// How long it may run.
    package var timeout: Duration
    /// The most standard output kept; past it the program is stopped.
    package var outputLimit: Int
    /// How much of standard error is kept.
    package var errorTextLimit = 200

    /// The largest ``input``: small enough to sit in the socket's buffer whether or not the
    /// program reads it, so handing it over never blocks.
    package static let inputLimit = 32 * 1024

    /// A program to run with `arguments` in exactly `environment`, stopped after `timeout`.
    package init(
        executable: URL, arguments: [String], environment: [String: String], timeout: Duration,
        outputLimit: Int = 64 * 1024
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// The `PATH` searched when the environment has none.
    package static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// The first executable regular file named `name` in `searchPath`'s folders (``defaultSearchPath``
    /// when nil); relative folders resolve against `baseDirectory`, and are skipped without one.
    package static func find(_ name: String, searchPath: String?, relativeTo baseDirectory: URL? = nil) -> URL? {
        for folder in (searchPath ?? defaultSearchPath).split(separator: ":", omittingEmptySubsequences: false) {
            let directory = folder.isEmpty ? "." : String(folder)
            let url: URL
            if directory.hasPrefix("/") {
                url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            } else if let baseDirectory {
                url = FilePaths.resolve(directory, relativeTo: baseDirectory).appendingPathComponent(name)
            } else {
                continue
            }
            if isExecutableFile(url) { return url }
        }
        return nil
    }

    /// Whether `url` is a regular file this process may run.
    package static func isExecutableFile(_ url: URL) -> Bool {
        guard let status = FileStatus(path: url.path), status.isRegularFile else { return false }
        return FileManager.default.isExecutableFile(atPath: url.path)
    }

    /// Runs the program on a thread of its own (never one of the cooperative pool's, which other
    /// tasks need while this one waits) and returns what it did.
    /// - Throws: ``Failure``.
    package func runOnOwnThread() async throws(Failure) -> Outcome {
        let result: Result<Outcome, Failure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                do throws(Failure) {
                    continuation.resume(returning: .success(try run()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Runs the program and returns what it did, blocking the calling thread until it ends or the
    /// deadline passes (waiting in `poll` and on a semaphore).
    /// - Throws: ``Failure``.
    package func run() throws(Failure) -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: workingDirectory.path, isDirectory: &isFolder),
                isFolder.boolValue
            {
                process.currentDirectoryURL = workingDirectory
            }
        }
        guard let standardInput = StandardInput(input) else { throw .cannotStart }
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardInput = standardInput.childEnd
        process.standardOutput = output
        process.standardError = errorOutput

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            standardInput.close()
            throw .cannotStart
        }
        let pid = process.processIdentifier
        // The program leads its own process group (Foundation's Process starts every child so on
        // Linux); killing the group at the time limit also ends the children it started.
        #if canImport(Darwin)
        let leadsGroup = getpgid(pid) == pid
        #else
        let leadsGroup = true
        #endif
        let killAll: @Sendable () -> Void = { _ = kill(leadsGroup ? -pid : pid, SIGKILL) }
        let handedOver = standardInput.handOver()
        try? output.fileHandleForWriting.close()
        try? errorOutput.fileHandleForWriting.close()
        let stdout = PipeReader(output.fileHandleForReading, limit: outputLimit)
        let stderr = PipeReader(errorOutput.fileHandleForReading, limit: errorTextLimit)
        defer {
            stdout.close()
            stderr.close()
        }
        guard handedOver else {
            killAll()
            exited.wait()
            throw .cannotStart
        }

        // Read both pipes on this thread until standard output ends (a grandchild may hold it open
        // after the program has ended), it overflows, or the time limit passes.
        let deadline = DispatchTime.now() + timeout.timeInterval
        while !stdout.isEnded && !stdout.overflowed {
            guard PipeReader.poll([stdout, stderr], until: deadline) else { break }
            stdout.readAvailable()
            stderr.readAvailable()
        }
        if stdout.overflowed {
            killAll()
            exited.wait()
        } else if !stdout.isEnded || exited.wait(timeout: deadline) == .timedOut {
            killAll()
            exited.wait()
            throw .timedOut
        }
        stderr.readAvailable()
        return Outcome(
            status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal,
            output: stdout.data, overflowed: stdout.overflowed, errorText: stderr.text)
    }
}

/// The child's standard input: `/dev/null`, or one end of a socket pair whose other end gets the
/// input. A socket rather than a pipe, so that handing the input to a program that has already
/// ended is an error (`MSG_NOSIGNAL`), never a `SIGPIPE` that would end this process.
private struct StandardInput {
    let childEnd: FileHandle
    private let input: Data?
    private let parentEnd: Int32

    init?(_ input: Data?) {
        guard let input else {
            guard let null = FileHandle(forReadingAtPath: "/dev/null") else { return nil }
            childEnd = null
            self.input = nil
            parentEnd = -1
            return
        }
        guard input.count <= ChildProgram.inputLimit else { return nil }
        var descriptors: [Int32] = [-1, -1]
        #if canImport(Darwin)
        let type = SOCK_STREAM
        #else
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #endif
        guard socketpair(AF_UNIX, type, 0, &descriptors) == 0 else { return nil }
        childEnd = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true)
        self.input = input
        parentEnd = descriptors[1]
    }

    /// Sends the input and ends it, closing this process's ends; false when it could not be sent
    /// (a program that closed its input early is not such a case: its outcome tells).
    func handOver() -> Bool {
        try? childEnd.close()
        guard let input, parentEnd >= 0 else { return true }
        defer { _ = systemClose(parentEnd) }
        #if canImport(Darwin)
        var on: Int32 = 1
        _ = setsockopt(parentEnd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        var sent = 0
        while sent < input.count {
            let count = input.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return -1 }
                return send(parentEnd, base + sent, input.count - sent, flags)
            }
            if count < 0 && errno == EINTR { continue }
            // The program closed its input (or ended) without reading it all: its outcome says
            // whether that was a failure.
            if count < 0 && (errno == EPIPE || errno == ECONNRESET) { return true }
            guard count > 0 else { return false }
            sent += count
        }
        return shutdown(parentEnd, Int32(SHUT_WR)) == 0 || errno == ENOTCONN
    }

    func close() {
        try? childEnd.close()
        if parentEnd >= 0 { _ = systemClose(parentEnd) }
    }
}

extension Duration {
    /// The duration in seconds.
    package var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
