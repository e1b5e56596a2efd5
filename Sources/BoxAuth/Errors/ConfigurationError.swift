import Foundation

/// A problem with the profiles file, a Box `config.json`, a secret reference or a private key.
///
/// The error names the file and the JSON path of the offending value and says what to do. Match on
/// ``code`` to tell the cases apart; new codes may be added without breaking callers.
public struct ConfigurationError: BoxAuthError, Hashable {
    /// Identifies the kind of configuration problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, e.g. `unknownKey`.
        public var description: String { name }

        /// The file does not exist or cannot be read.
        public static let fileUnreadable = Code("fileUnreadable")
        /// The path names a device, FIFO, socket or folder where a regular file is needed.
        public static let notRegularFile = Code("notRegularFile")
        /// The file is larger than swift-box-auth reads (1 MiB).
        public static let fileTooLarge = Code("fileTooLarge")
        /// The file is not valid JSON.
        public static let invalidJSON = Code("invalidJSON")
        /// A required value is absent.
        public static let missingValue = Code("missingValue")
        /// A value has the wrong JSON type.
        public static let wrongType = Code("wrongType")
        /// A value has the right type but is not acceptable (empty, out of range, not one of a set).
        public static let invalidValue = Code("invalidValue")
        /// An object holds a key that is not part of the format (often a typo).
        public static let unknownKey = Code("unknownKey")
        /// A profile names a provider kind that is not registered.
        public static let unknownProvider = Code("unknownProvider")
        /// The requested profile does not exist, or no profile could be chosen.
        public static let profileNotFound = Code("profileNotFound")
        /// A secret reference names an environment variable that is not set.
        public static let environmentVariableUnset = Code("environmentVariableUnset")
        /// A `{"command": [...]}` secret's program could not be started, exited with a non-zero
        /// status, was killed by a signal, or printed more than 64 KiB.
        public static let commandFailed = Code("commandFailed")
        /// A `{"command": [...]}` secret's program did not finish within its time limit and was killed.
        public static let commandTimedOut = Code("commandTimedOut")
        /// A private key could not be loaded; ``ConfigurationError/keyError`` has the details.
        public static let invalidKey = Code("invalidKey")
        /// A URL is not acceptable (not https and not loopback, or malformed).
        public static let invalidURL = Code("invalidURL")
        /// A file or folder is owned by another user or writable by other users, so box-auth does
        /// not use it (see `FilePermissionCheck`).
        public static let unsafeFile = Code("unsafeFile")
        /// A profiles file found in the current folder has not been trusted (or changed since it
        /// was): nothing in it is read or run until `box-auth profiles trust` (see `TrustedProfiles`).
        public static let untrustedFile = Code("untrustedFile")
        /// A `{"command": [...]}` secret was not run because its file is not trusted (validation
        /// without `--run-commands`).
        public static let commandNotRun = Code("commandNotRun")
        /// A provider kind was registered twice.
        public static let duplicateProvider = Code("duplicateProvider")
        /// A registry was asked for a profile but has no HTTP transport to give it.
        public static let noTransport = Code("noTransport")
    }

    /// The kind of problem.
    public let code: Code
    /// What is wrong, in one sentence (never contains a secret).
    public let message: String
    /// The file the problem is in, when there is one.
    public let file: String?
    /// The JSON path of the offending value inside ``file`` (e.g. `profiles.service.clientSecret`).
    public let jsonPath: String?
    /// What to do about it.
    public let hint: String?
    /// The key-loading failure behind an ``Code/invalidKey`` error.
    public let keyError: RSAKeyError?

    /// Creates an error; prefer the static constructors in `ConfigurationError+Cases.swift`.
    public init(
        code: Code, message: String, file: String? = nil, jsonPath: String? = nil,
        hint: String? = nil, keyError: RSAKeyError? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.jsonPath = jsonPath
        self.hint = hint
        self.keyError = keyError
    }

    /// Always ``BoxAuthErrorCategory/configuration``.
    public var category: BoxAuthErrorCategory { .configuration }

    /// One paragraph: `file: path: message. hint` (control characters in the file's path escaped).
    public var description: String {
        var text = ""
        if let file { text += "\(MessageText.escaped(file)): " }
        if let jsonPath, !jsonPath.isEmpty { text += "\(jsonPath): " }
        text += message
        if let hint { text += " " + hint }
        return text
    }

    /// The same error, located in another file and JSON path (used when a nested loader fails).
    package func located(file: String?, jsonPath: String?) -> ConfigurationError {
        ConfigurationError(
            code: code, message: message, file: file ?? self.file, jsonPath: jsonPath ?? self.jsonPath,
            hint: hint, keyError: keyError)
    }
}
