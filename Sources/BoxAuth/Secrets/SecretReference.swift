import Foundation

/// Where a secret setting's value comes from: written inline, an environment variable, or a file.
///
/// In JSON: `"literal value"`, `{"env": "NAME"}` or `{"file": "path"}`. File paths may start with `~`
/// and are relative to the folder of the file that names them.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// The value written in the file.
    case literal(Secret)
    /// The value of an environment variable.
    case environment(String)
    /// The contents of a file (one trailing newline is dropped).
    case file(String)

    /// Parses the JSON form at `path` of `file`.
    /// - Throws: ``ConfigurationError`` for any other shape.
    public init(json: JSONValue, file: String?, path: JSONPath) throws(ConfigurationError) {
        switch json {
        case .string(let value):
            self = .literal(Secret(value))
        case .object(let members):
            guard members.count == 1, let (key, value) = members.first, key == "env" || key == "file" else {
                throw .invalidValue(
                    file, path, "a secret object must have exactly one key, 'env' or 'file'.",
                    hint: #"Write "value", {"env": "NAME"} or {"file": "path"}."#)
            }
            guard case .string(let name) = value, !name.isEmpty else {
                throw .wrongType(file, path.appending(key), expected: "a non-empty string", found: value)
            }
            self = key == "env" ? .environment(name) : .file(name)
        default:
            throw .wrongType(file, path, expected: #"a string, {"env": "NAME"} or {"file": "path"}"#, found: json)
        }
    }

    /// Reads the secret's value. A `file` reference is read only if it is a regular file (a device,
    /// FIFO or folder is refused without being opened for reading).
    /// - Parameters:
    ///   - environment: The environment variables to read `env` references from.
    ///   - baseDirectory: The folder `file` references are relative to.
    ///   - file: The file that holds the reference, for error messages.
    ///   - path: The JSON path of the reference, for error messages.
    /// - Throws: ``ConfigurationError`` naming `file` and `path`: ``ConfigurationError/Code/environmentVariableUnset``,
    ///   ``ConfigurationError/Code/fileUnreadable``, ``ConfigurationError/Code/notRegularFile``, or
    ///   ``ConfigurationError/Code/invalidValue`` for a file that is not UTF-8 text under 1 MiB.
    public func resolve(
        environment: [String: String], baseDirectory: URL, file: String?, path: JSONPath
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
        }
    }

    /// Where the value comes from, without the value: `<inline>`, `env:NAME` or `file:path`.
    public var description: String {
        switch self {
        case .literal: "<inline secret>"
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        }
    }
}
