public import Foundation

extension ProfilesFile {
    /// Where a profiles file was found, and whether the user named it.
    @_spi(Plumbing) public struct Location: Sendable, Hashable {
        /// How the file was chosen.
        public enum Origin: Sendable, Hashable {
            /// Named by the caller (`--profiles`, or the app's own path).
            case explicit
            /// Named by `$BOX_PROFILES_FILE`.
            case environment
            /// Found as `./profiles.json` in the current folder, which may be anyone's (a cloned
            /// repository, a download): used only once trusted (see `TrustedProfiles`).
            case currentDirectory
            /// The user's own `~/.config/box-auth/profiles.json`.
            case userConfiguration
        }

        /// The file.
        public let url: URL
        /// How it was chosen.
        public let origin: Origin

        /// A location.
        public init(url: URL, origin: Origin) {
            self.url = url
            self.origin = origin
        }

        /// Whether the file must be trusted before anything in it is read or run: a file box-auth
        /// found on its own in the current folder.
        public var requiresTrust: Bool { origin == .currentDirectory }
    }

    /// Finds the profiles file: `explicitPath`, else `$BOX_PROFILES_FILE`, else `./profiles.json`,
    /// else `~/.config/box-auth/profiles.json`.
    /// - Throws: ``ConfigurationError`` listing the places searched when none exists.
    @_spi(Plumbing) public static func locate(
        explicitPath: String?, environment: [String: String],
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        homeDirectory: URL = FileManager.default.homeDirectoryForCurrentUser
    ) throws(ConfigurationError) -> URL {
        try find(
            explicitPath: explicitPath, environment: environment, currentDirectory: currentDirectory,
            homeDirectory: homeDirectory
        ).url
    }

    /// Finds the profiles file as ``locate(explicitPath:environment:currentDirectory:homeDirectory:)``
    /// does, and says how: a `./profiles.json` found in the current folder must be trusted before
    /// it is used (``load(_:trusting:)``), unless it is the user's own configuration file.
    /// - Throws: ``ConfigurationError`` listing the places searched when none exists.
    @_spi(Plumbing) public static func find(
        explicitPath: String?, environment: [String: String],
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        homeDirectory: URL = FileManager.default.homeDirectoryForCurrentUser
    ) throws(ConfigurationError) -> Location {
        if let explicitPath {
            return Location(url: FilePaths.resolve(explicitPath, relativeTo: currentDirectory), origin: .explicit)
        }
        if let path = environment["BOX_PROFILES_FILE"], !path.isEmpty {
            return Location(url: FilePaths.resolve(path, relativeTo: currentDirectory), origin: .environment)
        }
        let local = currentDirectory.appendingPathComponent("profiles.json")
        let user = homeDirectory.appendingPathComponent(".config/box-auth/profiles.json")
        if FileManager.default.fileExists(atPath: local.path) {
            let isUsersOwn = local.resolvingSymlinksInPath().path == user.resolvingSymlinksInPath().path
            return Location(url: local, origin: isUsersOwn ? .userConfiguration : .currentDirectory)
        }
        if FileManager.default.fileExists(atPath: user.path) {
            return Location(url: user, origin: .userConfiguration)
        }
        throw ConfigurationError(
            code: .fileUnreadable,
            message:
                "no profiles file found (looked at \([local, user].map { MessageText.escaped($0.path) }.joined(separator: " and "))).",
            hint: "Pass --profiles PATH, set BOX_PROFILES_FILE, or create ./profiles.json.")
    }

    /// Loads the file at `location`; a file that ``Location/requiresTrust`` is read once, checked
    /// against `trusted`, and parsed from the same bytes only when the user trusted exactly them.
    /// - Throws: ``ConfigurationError``: ``ConfigurationError/Code/untrustedFile`` (naming the file
    ///   and the `box-auth profiles trust` command) when it is not trusted or changed since; else
    ///   what ``load(contentsOf:)`` throws.
    @_spi(Plumbing) public static func load(_ location: Location, trusting trusted: TrustedProfiles) throws(ConfigurationError)
        -> ProfilesFile
    {
        guard location.requiresTrust else { return try load(contentsOf: location.url) }
        let data = try RegularFileReader.contents(of: location.url, limit: JSONDocument.maximumSize)
        try trusted.requireTrusted(location.url, contents: data)
        return try ProfilesFile(json: JSONDocument.parse(data, file: location.url.path), url: location.url)
    }
}
