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
        var child = ChildProgram(
            executable: try locate(program), arguments: Array(arguments.dropFirst()), environment: environment,
            timeout: timeout, outputLimit: Self.outputLimit)
        child.workingDirectory = baseDirectory
        child.errorTextLimit = Self.errorTextLimit
        let outcome: ChildProgram.Outcome
        do {
            outcome = try child.run()
        } catch {
            switch error {
            case .cannotStart:
                throw failed(
                    program, "could not be started.",
                    hint: "Check that \(MessageText.quoted(child.executable.path)) is an executable program.")
            case .timedOut:
                throw timedOut(program)
            }
        }

        if outcome.overflowed {
            throw failed(
                program, "printed more than \(Self.outputLimit / 1024) KiB, so it was stopped.",
                hint: "Make it print only the secret.")
        }
        let detail = outcome.errorText.map { " (it said: \(MessageText.quoted($0)))" } ?? ""
        if outcome.wasSignalled {
            throw failed(
                program, "was killed by signal \(outcome.status)\(detail).", hint: "Run it yourself to see why.")
        }
        if outcome.status != 0 {
            throw failed(
                program, "exited with status \(outcome.status)\(detail).",
                hint: "Run it yourself to see why (is it signed in or unlocked?).")
        }
        guard let text = String(data: outcome.output, encoding: .utf8) else {
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
            guard ChildProgram.isExecutableFile(url) else {
                throw failed(
                    program, "cannot be started: \(MessageText.quoted(url.path)) is not an executable file.",
                    hint: "Check the path (relative paths start at the profiles file's folder).")
            }
            return url
        }
        if let url = ChildProgram.find(program, searchPath: environment["PATH"], relativeTo: baseDirectory) {
            return url
        }
        throw failed(
            program, "was not found on the PATH.",
            hint: "Install it, give its full path, or set PATH in the environment box-auth runs in.")
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
