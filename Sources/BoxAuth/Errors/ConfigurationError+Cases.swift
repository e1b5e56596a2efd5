import Foundation

extension ConfigurationError {
    /// The file at `file` is missing or unreadable.
    ///
    /// The path is quoted with control characters escaped, so a path holding a line break still
    /// gives a one-line message.
    package static func fileUnreadable(_ file: String, referencedFrom: String? = nil, jsonPath: String? = nil) -> Self {
        ConfigurationError(
            code: .fileUnreadable, message: "cannot read file \(MessageText.quoted(file)).",
            file: referencedFrom, jsonPath: jsonPath,
            hint: "Check that the file exists and is readable by this user.")
    }

    /// The path `file` names a device, FIFO, socket or folder, not a regular file; nothing was read.
    /// - Parameters:
    ///   - file: The path as resolved.
    ///   - kind: What it is instead (`a character device`, `a FIFO`, `a folder`, ...).
    ///   - referencedFrom: The file that names the path (the profiles file), if any.
    ///   - jsonPath: The JSON path of the setting that names it, if any.
    package static func notRegularFile(
        _ file: String, kind: String, referencedFrom: String? = nil, jsonPath: String? = nil
    ) -> Self {
        ConfigurationError(
            code: .notRegularFile, message: "\(MessageText.quoted(file)) is \(kind), not a regular file.",
            file: referencedFrom, jsonPath: jsonPath,
            hint: (jsonPath == nil
                ? "Give the path of a regular file" : "Point the setting at a regular file holding the value")
                + " (devices, FIFOs and folders are never read).")
    }

    /// The file or folder at `path` is owned by another user or writable by other users.
    /// - Parameters:
    ///   - path: The file or folder.
    ///   - message: Who owns it or what its mode is, and that box-auth does not use it.
    ///   - hint: The fix.
    ///   - referencedFrom: The file that names it (the profiles file), if any; else `path` itself.
    ///   - jsonPath: The JSON path of the setting that names it, if any.
    package static func unsafeFile(
        _ path: String, message: String, hint: String, referencedFrom: String? = nil, jsonPath: String? = nil
    ) -> Self {
        ConfigurationError(
            code: .unsafeFile, message: message, file: referencedFrom ?? path, jsonPath: jsonPath, hint: hint)
    }

    /// The file is over the size limit.
    package static func fileTooLarge(_ file: String, size: Int, limit: Int) -> Self {
        ConfigurationError(
            code: .fileTooLarge, message: "the file is \(size) bytes, more than the \(limit) bytes allowed.",
            file: file, hint: "Point at the right file; profiles and config files are small.")
    }

    /// The file is not JSON.
    package static func invalidJSON(_ file: String, detail: String) -> Self {
        ConfigurationError(
            code: .invalidJSON, message: "not valid JSON (\(detail)).", file: file,
            hint: "Fix the JSON syntax; a validator such as `python3 -m json.tool FILE` shows where.")
    }

    /// A required value is absent.
    package static func missingValue(_ file: String?, _ path: JSONPath, what: String) -> Self {
        ConfigurationError(
            code: .missingValue, message: "missing \(what).", file: file, jsonPath: path.description,
            hint: "Add it to the file.")
    }

    /// A value has the wrong JSON type.
    package static func wrongType(_ file: String?, _ path: JSONPath, expected: String, found: JSONValue) -> Self {
        ConfigurationError(
            code: .wrongType, message: "expected \(expected), found \(found.typeName).", file: file,
            jsonPath: path.description)
    }

    /// A value is not acceptable.
    package static func invalidValue(_ file: String?, _ path: JSONPath, _ message: String, hint: String? = nil) -> Self {
        ConfigurationError(code: .invalidValue, message: message, file: file, jsonPath: path.description, hint: hint)
    }

    /// An object holds a key that the format does not know.
    package static func unknownKey(_ file: String?, _ path: JSONPath, key: String, known: [String]) -> Self {
        var hint = "Known keys here: \(known.sorted().joined(separator: ", "))."
        if let suggestion = EditDistance.closest(to: key, in: known) {
            hint = "Did you mean '\(suggestion)'? " + hint
        }
        return ConfigurationError(
            code: .unknownKey, message: "unknown key \(MessageText.quoted(key)).", file: file,
            jsonPath: path.appending(key).description, hint: hint)
    }

    /// A profile names an unregistered provider kind.
    package static func unknownProvider(_ file: String?, _ path: JSONPath, kind: String, known: [String]) -> Self {
        ConfigurationError(
            code: .unknownProvider, message: "unknown provider \(MessageText.quoted(kind)).", file: file,
            jsonPath: path.description,
            hint: "Registered providers: \(known.sorted().joined(separator: ", ")).")
    }

    /// An environment variable named by a secret reference is not set.
    package static func environmentVariableUnset(_ name: String, file: String?, jsonPath: JSONPath) -> Self {
        ConfigurationError(
            code: .environmentVariableUnset, message: "environment variable \(MessageText.quoted(name)) is not set.",
            file: file, jsonPath: jsonPath.description,
            hint: "Export \(MessageText.escaped(name)) before running, or give the value another way.")
    }

    /// A private key could not be loaded.
    package static func invalidKey(_ error: RSAKeyError, file: String?, jsonPath: JSONPath?) -> Self {
        ConfigurationError(
            code: .invalidKey, message: error.message, file: file, jsonPath: jsonPath?.description,
            hint: error.hint, keyError: error)
    }
}
