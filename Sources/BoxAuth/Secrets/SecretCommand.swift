import Foundation

/// Runs the program of a `{"command": [...]}` secret and returns what it printed.
///
/// The program runs without a shell: `arguments[0]` is the program (looked up on the `PATH` of the
/// given environment when it has no slash, resolved against the profiles file's folder when it is a
/// relative path), the rest are its arguments, passed as they are. Its standard input is
/// `/dev/null`, its environment is exactly the one given, and its working folder is the profiles
/// file's folder. Standard output is read while the program runs (so a large output cannot fill the
/// pipe and deadlock) and capped at ``outputLimit``; standard error is kept only in part, for the
/// error message. The value read is never logged and never part of an error.
struct SecretCommand: Sendable {
    /// The most standard output a secret command may print: 64 KiB.
    static let outputLimit = 64 * 1024
    /// How much of standard error is kept for the error message.
    static let errorTextLimit = 200
    /// The `PATH` searched when the environment has none.
    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// The program and its arguments (non-empty).
    let arguments: [String]
    /// The child's environment.
    let environment: [String: String]
    /// The folder relative program paths resolve against, and the child's working folder.
    let baseDirectory: URL
    /// How long the program may run before it is killed.
    let timeout: Duration
    /// The profiles file, for errors.
    let file: String?
    /// The JSON path of the reference, for errors.
    let path: JSONPath

    /// Runs the program and returns its standard output, trimmed of surrounding whitespace.
    ///
    /// Blocks the calling thread until the program ends or ``timeout`` passes; the waiting happens
    /// in `poll` and on a semaphore, so it is safe to call from async code (it occupies one thread
    /// while it waits, and no other thread is left behind). At the time limit the program's whole
    /// process group is killed (the program and the children it started, unless they left it), and
    /// the pipes are closed even when a child still holds them open.
    /// - Throws: ``ConfigurationError`` naming ``file`` and ``path``: ``ConfigurationError/Code/commandFailed``
    ///   (cannot start, non-zero exit, killed by a signal, too much output),
    ///   ``ConfigurationError/Code/commandTimedOut``, or ``ConfigurationError/Code/invalidValue``
    ///   for output that is empty or not UTF-8.
    func run() throws(ConfigurationError) -> Secret {
        let program = arguments.first ?? ""
        let executable = try locate(program)
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: baseDirectory.path, isDirectory: &isFolder), isFolder.boolValue {
            process.currentDirectoryURL = baseDirectory
        }
        guard let input = FileHandle(forReadingAtPath: "/dev/null") else {
            throw failed(program, "could not be started: /dev/null cannot be opened.", hint: nil)
        }
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errorOutput

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            try? input.close()
            throw failed(
                program, "could not be started.",
                hint: "Check that \(MessageText.quoted(executable.path)) is an executable program.")
        }
        try? input.close()
        let pid = process.processIdentifier
        // The program leads its own process group (Foundation's Process starts every child so on
        // Linux); killing the group at the time limit also ends the children it started.
        #if canImport(Darwin)
        let leadsGroup = getpgid(pid) == pid
        #else
        let leadsGroup = true
        #endif
        let killAll: @Sendable () -> Void = { _ = kill(leadsGroup ? -pid : pid, SIGKILL) }
        try? output.fileHandleForWriting.close()
        try? errorOutput.fileHandleForWriting.close()
        let stdout = PipeReader(output.fileHandleForReading, limit: Self.outputLimit)
        let stderr = PipeReader(errorOutput.fileHandleForReading, limit: Self.errorTextLimit)
        defer {
            stdout.close()
            stderr.close()
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
            throw timedOut(program)
        }
        stderr.readAvailable()

        if stdout.overflowed {
            throw failed(
                program, "printed more than \(Self.outputLimit / 1024) KiB, so it was stopped.",
                hint: "Make it print only the secret.")
        }
        let detail = stderr.text.map { " (it said: \(MessageText.quoted($0)))" } ?? ""
        switch process.terminationReason {
        case .uncaughtSignal:
            throw failed(
                program, "was killed by signal \(process.terminationStatus)\(detail).",
                hint: "Run it yourself to see why.")
        case .exit where process.terminationStatus != 0:
            throw failed(
                program, "exited with status \(process.terminationStatus)\(detail).",
                hint: "Run it yourself to see why (is it signed in or unlocked?).")
        default:
            break
        }
        guard let text = String(data: stdout.data, encoding: .utf8) else {
            throw ConfigurationError.invalidValue(
                file, path, "the secret command \(MessageText.quoted(program)) printed text that is not UTF-8.",
                hint: "Make it print only the secret, as UTF-8 text.")
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else {
            throw ConfigurationError.invalidValue(
                file, path, "the secret command \(MessageText.quoted(program)) printed nothing.",
                hint: "Check that it prints the secret to standard output.")
        }
        return Secret(secret)
    }

    /// The program's file: `program` itself when it has a slash (`~` expanded, relative to
    /// ``baseDirectory``), else the first executable file of that name on the environment's `PATH`.
    private func locate(_ program: String) throws(ConfigurationError) -> URL {
        if program.contains("/") {
            let url = FilePaths.resolve(program, relativeTo: baseDirectory)
            guard Self.isExecutableFile(url) else {
                throw failed(
                    program, "cannot be started: \(MessageText.quoted(url.path)) is not an executable file.",
                    hint: "Check the path (relative paths start at the profiles file's folder).")
            }
            return url
        }
        let searchPath = environment["PATH"] ?? Self.defaultSearchPath
        for folder in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let directory = folder.isEmpty ? "." : String(folder)
            let url = FilePaths.resolve(directory, relativeTo: baseDirectory).appendingPathComponent(program)
            if Self.isExecutableFile(url) { return url }
        }
        throw failed(
            program, "was not found on the PATH.",
            hint: "Install it, give its full path, or set PATH in the environment box-auth runs in.")
    }

    private static func isExecutableFile(_ url: URL) -> Bool {
        guard let status = FileStatus(path: url.path), status.isRegularFile else { return false }
        return FileManager.default.isExecutableFile(atPath: url.path)
    }

    private func timedOut(_ program: String) -> ConfigurationError {
        ConfigurationError(
            code: .commandTimedOut,
            message:
                "the secret command \(MessageText.quoted(program)) did not finish within \(Self.seconds(timeout)) s, so it was stopped.",
            file: file, jsonPath: path.description,
            hint: "Check that it does not wait for input (its standard input is empty) or for an unlock prompt.")
    }

    private func failed(_ program: String, _ what: String, hint: String?) -> ConfigurationError {
        ConfigurationError(
            code: .commandFailed, message: "the secret command \(MessageText.quoted(program)) \(what)", file: file,
            jsonPath: path.description, hint: hint)
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.timeInterval
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
