public import Foundation

/// The settings of one profile entry, with typed accessors whose errors name the file and JSON path.
public struct ProfileSettings: Sendable {
    /// The profile's name.
    public let profileName: String
    /// The profiles file, for errors.
    public let file: String?
    /// The entry's JSON path (`profiles.NAME`).
    package let path: JSONPath
    /// The entry's members.
    public let members: [String: JSONValue]
    /// Relative paths in settings resolve against this folder (the profiles file's).
    package let baseDirectory: URL
    /// Environment variables for `{"env": ...}` secrets.
    package let environment: [String: String]
    /// Whether `{"command": [...]}` secrets may run (false for an untrusted file being validated).
    package let runsCommands: Bool

    /// Creates settings for one entry.
    package init(
        profileName: String, file: String?, path: JSONPath, members: [String: JSONValue], baseDirectory: URL,
        environment: [String: String], runsCommands: Bool = true
    ) {
        self.runsCommands = runsCommands
        self.profileName = profileName
        self.file = file
        self.path = path
        self.members = members
        self.baseDirectory = baseDirectory
        self.environment = environment
    }

    private var reader: JSONObjectReader { JSONObjectReader(members: members, file: file, path: path) }

    /// Whether the entry sets `key` (to anything but null).
    public func contains(_ key: String) -> Bool {
        if case .null? = members[key] { return false }
        return members[key] != nil
    }

    /// The string `key`, or nil when absent.
    public func string(_ key: String) throws(ConfigurationError) -> String? { try reader.optionalString(key) }

    /// The string `key`; throws when absent.
    public func requiredString(_ key: String) throws(ConfigurationError) -> String { try reader.requiredString(key) }

    /// An ID written as a string or an integer.
    public func identifier(_ key: String) throws(ConfigurationError) -> String? { try reader.optionalIdentifier(key) }

    /// An ID written as a string or an integer; throws when absent.
    public func requiredIdentifier(_ key: String) throws(ConfigurationError) -> String {
        guard let value = try identifier(key) else { throw missing(key) }
        return value
    }

    /// The number `key`, or nil when absent.
    public func number(_ key: String) throws(ConfigurationError) -> Double? {
        guard let value = members[key], value != .null else { return nil }
        guard let number = value.doubleValue, number.isFinite else {
            throw .wrongType(file, path.appending(key), expected: "a number", found: value)
        }
        return number
    }

    /// The array of strings `key`, or nil when absent.
    public func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = members[key], value != .null else { return nil }
        guard case .array(let items) = value else {
            throw .wrongType(file, path.appending(key), expected: "an array of strings", found: value)
        }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw .wrongType(file, path.appending(key).appending(index: index), expected: "a string", found: item)
            }
            strings.append(text)
        }
        return strings
    }

    /// The secret `key` resolved (inline, env or file), or nil when absent.
    public func secret(_ key: String) throws(ConfigurationError) -> Secret? {
        guard let value = members[key], value != .null else { return nil }
        let reference = try SecretReference(json: value, file: file, path: path.appending(key))
        if case .command = reference, !runsCommands {
            throw ConfigurationError(
                code: .commandNotRun,
                message: "the command of this secret was not run: the profiles file is not trusted.",
                file: file, jsonPath: path.appending(key).description,
                hint: "Trust the file (box-auth profiles trust) or pass --run-commands to run it.")
        }
        return try reference.resolve(
            environment: environment, baseDirectory: baseDirectory, file: file, path: path.appending(key))
    }

    /// The secret `key` resolved; throws when absent.
    public func requiredSecret(_ key: String) throws(ConfigurationError) -> Secret {
        guard let value = try secret(key) else { throw missing(key) }
        return value
    }

    /// The file path `key` resolved against the profiles file's folder, or nil when absent.
    public func fileURL(_ key: String) throws(ConfigurationError) -> URL? {
        try string(key).map { FilePaths.resolve($0, relativeTo: baseDirectory) }
    }

    /// The error for a missing `key`.
    public func missing(_ key: String, what: String? = nil) -> ConfigurationError {
        .missingValue(file, path.appending(key), what: what ?? "'\(key)'")
    }

    /// An error about the value of `key`.
    public func invalid(_ key: String, _ message: String, hint: String? = nil) -> ConfigurationError {
        .invalidValue(file, path.appending(key), message, hint: hint)
    }
}
