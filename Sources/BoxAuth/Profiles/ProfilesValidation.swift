public import Foundation

/// What checking every profile of a profiles file offline found: for each profile, its provider
/// kind, the error that keeps it from resolving (with file and JSON path) or none, and the
/// credential files other users can read.
///
/// Made by ``ProfilesFile/validateAll(registry:environment:)``; `box-auth profiles validate` and
/// the `box-auth-validate` package plugin print it.
public struct ProfilesValidation: Sendable {
    /// One profile's outcome.
    public struct Profile: Sendable {
        /// The profile's name.
        public let name: String
        /// Its provider kind, when the entry names one as a string.
        public let kind: String?
        /// Why it does not resolve, or nil when it does.
        public let error: (any Error)?
        /// The files it names (through its provider's `.path` settings and `{"file": ...}` secrets)
        /// that other users can read or write. The profiles file itself is in
        /// ``ProfilesValidation/fileWarning``.
        public let warnings: [PermissionWarning]

        /// Creates an outcome.
        package init(name: String, kind: String?, error: (any Error)?, warnings: [PermissionWarning]) {
            self.name = name
            self.kind = kind
            self.error = error
            self.warnings = warnings
        }

        /// Whether the profile resolves.
        public var isValid: Bool { error == nil }

        /// Whether the check stopped at a `{"command": [...]}` secret it was not allowed to run
        /// (the CLI checks an untrusted file that way): not a problem of the profile, but not fully checked.
        public var isUnchecked: Bool { configurationError?.code == .commandNotRun }

        /// The error as a ``ConfigurationError``, for its ``ConfigurationError/file`` and
        /// ``ConfigurationError/jsonPath``; nil when valid or when a provider threw another type.
        public var configurationError: ConfigurationError? { error as? ConfigurationError }
    }

    /// The profiles file.
    public let file: URL
    /// The warning for the profiles file itself, if other users can read or write it.
    public let fileWarning: PermissionWarning?
    /// Every profile's outcome, sorted by name.
    public let profiles: [Profile]

    /// Creates a validation result.
    package init(file: URL, fileWarning: PermissionWarning?, profiles: [Profile]) {
        self.file = file
        self.fileWarning = fileWarning
        self.profiles = profiles
    }

    /// Every warning once (by file): the profiles file's first, then each profile's in order.
    public var warnings: [PermissionWarning] {
        var seen = Set<String>()
        return ((fileWarning.map { [$0] } ?? []) + profiles.flatMap(\.warnings)).filter {
            seen.insert($0.file.path).inserted
        }
    }

    /// How many profiles do not resolve (not counting those whose check stopped at a command it
    /// was not allowed to run: ``Profile/isUnchecked``).
    public var problemCount: Int { profiles.count(where: { !$0.isValid && !$0.isUnchecked }) }

    /// Whether no profile has a problem (those not fully checked included).
    public var isValid: Bool { problemCount == 0 }
}
