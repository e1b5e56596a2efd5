package import Foundation

/// Where a secret setting's value comes from: written inline, an environment variable, a file, or
/// the output of a program.
///
/// In JSON: `"literal value"`, `{"env": "NAME"}`, `{"file": "path"}` or
/// `{"command": ["pass", "show", "box/secret"]}`. File paths (and a command's program, when it has a
/// slash) may start with `~` and are relative to the folder of the file that names them.
package enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// The value written in the file.
    case literal(Secret)
    /// The value of an environment variable.
    case environment(String)
    /// The contents of a file (one trailing newline is dropped).
    case file(String)
    /// The standard output of a program, run without a shell: the program (looked up on `PATH` when
    /// it has no slash) and its arguments. Surrounding whitespace and line breaks are trimmed.
    case command([String])

    /// Parses the JSON form at `path` of `file`.
    /// - Throws: ``ConfigurationError`` for any other shape.
    package init(json: JSONValue, file: String?, path: JSONPath) throws(ConfigurationError) {
        switch json {
        case .string(let value):
            self = .literal(Secret(value))
        case .object(let members):
            guard members.count == 1, let (key, value) = members.first, ["env", "file", "command"].contains(key)
            else {
                throw .invalidValue(
                    file, path, "a secret object must have exactly one key, 'env', 'file' or 'command'.",
                    hint: #"Write "value", {"env": "NAME"}, {"file": "path"} or {"command": ["program", "arg"]}."#)
            }
            if key == "command" {
                self = .command(try Self.commandArguments(value, file: file, path: path.appending(key)))
                return
            }
            guard case .string(let name) = value, !name.isEmpty else {
                throw .wrongType(file, path.appending(key), expected: "a non-empty string", found: value)
            }
            self = key == "env" ? .environment(name) : .file(name)
        default:
            throw .wrongType(
                file, path, expected: #"a string, {"env": "NAME"}, {"file": "path"} or {"command": [...]}"#,
                found: json)
        }
    }

    /// The program and arguments of a `command` reference: a non-empty array of non-empty strings.
    private static func commandArguments(
        _ value: JSONValue, file: String?, path: JSONPath
    ) throws(ConfigurationError) -> [String] {
        guard case .array(let items) = value else {
            throw .wrongType(file, path, expected: "an array of strings (the program and its arguments)", found: value)
        }
        guard !items.isEmpty else {
            throw .invalidValue(
                file, path, "the command is empty.",
                hint: #"Give the program and its arguments: ["pass", "show", "box/secret"]."#)
        }
        var arguments: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, !text.isEmpty else {
                throw .wrongType(file, path.appending(index: index), expected: "a non-empty string", found: item)
            }
            arguments.append(text)
        }
        return arguments
    }

    /// Reads the secret's value. A `file` reference is read only if it is a regular file (a device,
    /// FIFO or folder is refused without being opened for reading). A `command` reference runs its
    /// program now and blocks until it ends or `commandTimeout` passes.
    ///
    /// The program of a `command` reference runs without a shell, with `environment` as its whole
    /// environment (its `PATH` is where a program without a slash is looked up), `/dev/null` as its
    /// standard input and `baseDirectory` as its working folder. Its standard output, at most
    /// 64 KiB and trimmed of surrounding whitespace and line breaks, is the value; the first line
    /// of its standard error (shortened) goes into the error message when it fails. The program
    /// leads a process group of its own: at the time limit the whole group is killed (the program
    /// and every child it started that stayed in the group), and its output pipes are closed even
    /// when a child still holds them open, so the call returns at the time limit and leaves no
    /// thread behind.
    /// - Parameters:
    ///   - environment: The environment variables to read `env` references from, and the
    ///     environment a `command` reference's program runs with.
    ///   - baseDirectory: The folder `file` references and relative command paths are relative to.
    ///   - file: The file that holds the reference, for error messages.
    ///   - path: The JSON path of the reference, for error messages.
    ///   - commandTimeout: How long a `command` reference's program may run before it is killed.
    /// - Throws: ``ConfigurationError`` naming `file` and `path`: ``ConfigurationError/Code/environmentVariableUnset``,
    ///   ``ConfigurationError/Code/fileUnreadable``, ``ConfigurationError/Code/notRegularFile``,
    ///   ``ConfigurationError/Code/commandFailed``, ``ConfigurationError/Code/commandTimedOut``, or
    ///   ``ConfigurationError/Code/invalidValue`` for a file that is not UTF-8 text under 1 MiB or
    ///   a command whose output is empty or not UTF-8.
    package func resolve(
        environment: [String: String], baseDirectory: URL, file: String?, path: JSONPath,
        commandTimeout: Duration = .seconds(10)
    ) throws(ConfigurationError) -> Secret {
        switch self {
        case .literal(let secret):
            return secret
        case .environment(let name):
            guard let value = environment[name] else {
                throw .environmentVariableUnset(name, file: file, jsonPath: path)
            }
            return Secret(value)
        case .file(let reference):
            let url = FilePaths.resolve(reference, relativeTo: baseDirectory)
            let notText = ConfigurationError.invalidValue(
                file, path, "the secret file \(MessageText.quoted(url.path)) is not UTF-8 text under 1 MiB.",
                hint: "Point it at a file holding only the secret.")
            let data: Data
            do throws(ConfigurationError) {
                data = try RegularFileReader.contents(of: url, referencedFrom: file, jsonPath: path.description)
            } catch  where error.code == .fileTooLarge {
                throw notText
            }
            guard let text = String(data: data, encoding: .utf8) else { throw notText }
            return Secret(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        case .command(let arguments):
            return try SecretCommand(
                arguments: arguments, environment: environment, baseDirectory: baseDirectory,
                timeout: commandTimeout, file: file, path: path
            ).run()
        }
    }

    /// Where the value comes from, without the value: `<inline secret>`, `env:NAME`, `file:path`,
    /// or `command:PROGRAM` (the program only: arguments may carry a vault's token or item names,
    /// so they are not shown).
    package var description: String {
        switch self {
        case .literal: "<inline secret>"
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        case .command(let arguments): "command:\(arguments.first ?? "")"
        }
    }
}
