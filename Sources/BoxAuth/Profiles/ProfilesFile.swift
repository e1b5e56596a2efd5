public import Foundation

/// A `profiles.json` file (format version 1): named profiles, each choosing a provider.
///
/// ```json
/// { "defaultProfile": "service",
///   "profiles": { "service": { "provider": "jwt", "configFile": "box_config.json" } } }
/// ```
public struct ProfilesFile: Sendable {
    /// The format version this library reads.
    public static let formatVersion = 1
    /// The top-level keys the format allows.
    static let topLevelKeys = ["$schema", "version", "defaultProfile", "profiles", "broker"]

    /// Where the file is.
    public let url: URL
    /// The profile used when none is named.
    public let defaultProfile: String?
    /// Each profile's raw entry.
    package let entries: [String: [String: JSONValue]]
    /// The token broker's policy (the `"broker"` object), if the file has one.
    package let brokerPolicy: BrokerPolicy?
    /// Whether `{"command": [...]}` secrets of this file's profiles may run (default true). Set it
    /// to false to check a file the user has not trusted without running anything in it: such a
    /// secret then throws ``ConfigurationError/Code/commandNotRun``.
    package var runsCommands = true

    /// The profile names, sorted.
    public var profileNames: [String] { entries.keys.sorted() }

    /// Reads and checks the file's structure (profile contents are checked when a provider is built).
    /// - Throws: ``ConfigurationError`` naming the file and JSON path.
    public static func load(contentsOf url: URL) throws(ConfigurationError) -> ProfilesFile {
        try ProfilesFile(json: JSONDocument.load(contentsOf: url), url: url)
    }

    /// Checks a parsed file; `url` locates it (relative paths inside resolve against its folder).
    @_spi(Plumbing) public init(json: JSONValue, url: URL) throws(ConfigurationError) {
        let file = url.path
        let root = try JSONObjectReader(json, file: file, path: .root)
        for key in root.members.keys.sorted() where !Self.topLevelKeys.contains(key) {
            throw .unknownKey(file, .root, key: key, known: Self.topLevelKeys)
        }
        if let version = root.members["version"], version != .integer(Int64(Self.formatVersion)) {
            throw .invalidValue(
                file, JSONPath("version"), "format version \(Self.shown(version)) is not supported.",
                hint: "This library reads version \(Self.formatVersion).")
        }
        let profiles = try root.object("profiles")
        var entries: [String: [String: JSONValue]] = [:]
        for (name, value) in profiles.members {
            guard !name.isEmpty else { throw .invalidValue(file, JSONPath("profiles"), "a profile name is empty.") }
            entries[name] = try JSONObjectReader(value, file: file, path: profiles.path.appending(name)).members
        }
        let defaultProfile = try root.optionalString("defaultProfile")
        if let defaultProfile, entries[defaultProfile] == nil {
            throw .invalidValue(
                file, JSONPath("defaultProfile"), "no profile is named \(MessageText.quoted(defaultProfile)).",
                hint: "Profiles: \(entries.keys.sorted().map(MessageText.escaped).joined(separator: ", ")).")
        }
        self.brokerPolicy = try root.members["broker"].map { value throws(ConfigurationError) in
            try BrokerPolicy(
                json: value, file: file, baseDirectory: url.deletingLastPathComponent(),
                profileNames: Set(entries.keys))
        }
        self.url = url
        self.defaultProfile = defaultProfile
        self.entries = entries
    }

    /// A `version` value as a message shows it: a number or string as written (escaped), any other
    /// value by its type, so that a hostile value cannot fill or break the message.
    private static func shown(_ version: JSONValue) -> String {
        switch version {
        case .integer, .number, .string: MessageText.escaped(version.jsonText)
        default: version.typeName
        }
    }

    /// Chooses a profile: `requested`, else `$BOX_PROFILE`, else ``defaultProfile``, else the only one.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/profileNotFound``) listing the profiles.
    package func selectProfile(_ requested: String?, environment: [String: String]) throws(ConfigurationError) -> String
    {
        let names = profileNames
        // Only an error lists them.
        var available: String { names.isEmpty ? "none" : names.map(MessageText.escaped).joined(separator: ", ") }
        if let name = requested ?? environment["BOX_PROFILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard entries[name] != nil else {
                throw ConfigurationError(
                    code: .profileNotFound, message: "no profile is named \(MessageText.quoted(name)).", file: url.path,
                    jsonPath: "profiles", hint: "Profiles: \(available).")
            }
            return name
        }
        if let defaultProfile { return defaultProfile }
        if names.count == 1, let only = names.first { return only }
        throw ConfigurationError(
            code: .profileNotFound, message: "no profile named and no 'defaultProfile' set.", file: url.path,
            hint: "Pass --profile NAME, set BOX_PROFILE, or add \"defaultProfile\". Profiles: \(available).")
    }

    /// The settings of profile `name`.
    public func settings(for name: String, environment: [String: String]) throws(ConfigurationError) -> ProfileSettings
    {
        guard let members = entries[name] else {
            throw ConfigurationError(
                code: .profileNotFound, message: "no profile is named \(MessageText.quoted(name)).", file: url.path,
                jsonPath: "profiles",
                hint: "Profiles: \(profileNames.map(MessageText.escaped).joined(separator: ", ")).")
        }
        return ProfileSettings(
            profileName: name, file: url.path, path: JSONPath("profiles", name), members: members,
            baseDirectory: url.deletingLastPathComponent(), environment: environment, runsCommands: runsCommands)
    }
}
