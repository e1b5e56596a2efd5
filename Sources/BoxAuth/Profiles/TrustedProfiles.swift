public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The profiles files the user has trusted, each by its real path and a SHA-256 hash of its
/// content, as direnv's `allow` and mise's `trust` keep them.
///
/// A `profiles.json` that box-auth finds on its own in the current folder may come from anyone (a
/// cloned repository, an unpacked archive): its `{"command": [...]}` secrets would run programs,
/// its `{"file": ...}` secrets and `configFile` would read the user's keys, and its `baseURL` would
/// send them elsewhere. Such a file is used only after `box-auth profiles trust` recorded it here,
/// and again only after the user trusted its new content when it changes. Files the user names
/// (`--profiles`, `$BOX_PROFILES_FILE`, an app's own path) and `~/.config/box-auth/profiles.json`
/// need no trust.
///
/// The list is a JSON file, `$XDG_STATE_HOME/box-auth/trusted-profiles.json` (default
/// `~/.local/state/box-auth/`), mode 0600 in a 0700 folder.
///
/// ```swift
/// let trusted = TrustedProfiles(environment: ProcessInfo.processInfo.environment)
/// try trusted.trust(URL(fileURLWithPath: "profiles.json"))
/// ```
@_spi(Plumbing) public struct TrustedProfiles: Sendable {
    /// What the list says of one file.
    public enum Status: Sendable, Hashable {
        /// Trusted with exactly this content.
        case trusted
        /// Never trusted (or untrusted since).
        case untrusted
        /// Trusted once, but its content changed since.
        case changed
    }

    /// The list's file.
    public let file: URL

    /// The list at `file`.
    public init(file: URL) { self.file = file }

    /// The list in its default place: `trusted-profiles.json` in
    /// `FileTokenPairStore.defaultDirectory(environment:)`.
    public init(environment: [String: String]) {
        self.init(
            file: FileTokenPairStore.defaultDirectory(environment: environment)
                .appendingPathComponent("trusted-profiles.json"))
    }

    /// What the list says of the file at `url` holding `contents`.
    /// - Throws: ``ConfigurationError`` when the list exists but cannot be read or is not the
    ///   list's format (it is never silently ignored: an unreadable list trusts nothing).
    public func status(of url: URL, contents: Data) throws(ConfigurationError) -> Status {
        guard let recorded = try entries()[Self.realPath(url)] else { return .untrusted }
        return recorded == Self.hash(contents) ? .trusted : .changed
    }

    /// Refuses the file at `url` holding `contents` unless it is trusted with exactly that content.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/untrustedFile``) naming the file
    ///   and the command that trusts it.
    public func requireTrusted(_ url: URL, contents: Data) throws(ConfigurationError) {
        let status = try status(of: url, contents: contents)
        guard status != .trusted else { return }
        let path = Self.realPath(url)
        let why =
            status == .changed
            ? "changed since you trusted it" : "was found in the current folder and is not trusted"
        throw ConfigurationError(
            code: .untrustedFile,
            message:
                "this profiles file \(why); box-auth reads nothing in it and runs none of its commands until you "
                + "trust it.",
            file: url.path,
            hint:
                "Read it (box-auth profiles validate checks it without running its commands), then run "
                + "`box-auth profiles trust \(MessageText.escaped(Self.shellQuoted(path)))`; or name a file with --profiles.")
    }

    /// Trusts the file at `url` with its current content (read with the same checks as a
    /// profiles file: a regular file that only its owner can write).
    /// - Returns: The real path recorded.
    /// - Throws: ``ConfigurationError`` when the file cannot be read or the list cannot be written.
    @discardableResult
    public func trust(_ url: URL) throws(ConfigurationError) -> String {
        let data = try RegularFileReader.contents(of: url, limit: JSONDocument.maximumSize)
        let path = Self.realPath(url)
        var entries = try entries()
        entries[path] = Self.hash(data)
        try write(entries)
        return path
    }

    /// Forgets the file at `url` (by its real path).
    /// - Returns: Whether it was in the list.
    /// - Throws: ``ConfigurationError`` when the list cannot be read or written.
    @discardableResult
    public func untrust(_ url: URL) throws(ConfigurationError) -> Bool {
        var entries = try entries()
        guard entries.removeValue(forKey: Self.realPath(url)) != nil else { return false }
        try write(entries)
        return true
    }

    /// The real paths of the trusted files, sorted.
    /// - Throws: ``ConfigurationError`` when the list cannot be read.
    public func trustedPaths() throws(ConfigurationError) -> [String] { try entries().keys.sorted() }

    // MARK: - The list's file

    private static let hint = "Check it, or delete it and trust your profiles files again."

    /// Real path → hex SHA-256 of the content; empty when the list does not exist.
    private func entries() throws(ConfigurationError) -> [String: String] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        let json = try JSONDocument.load(contentsOf: file)
        let root = try JSONObjectReader(json, file: file.path, path: .root)
        var entries: [String: String] = [:]
        for (path, value) in try root.object("trusted").members {
            guard case .object(let entry) = value, case .string(let hash)? = entry["sha256"], hash.count == 64 else {
                throw .invalidValue(
                    file.path, JSONPath("trusted", path), "is not an entry of the trusted-profiles list.", hint: Self.hint)
            }
            entries[path] = hash
        }
        return entries
    }

    private func write(_ entries: [String: String]) throws(ConfigurationError) {
        try PrivateFolder.create(file.deletingLastPathComponent(), name: "the state folder", hint: Self.hint)
        let trusted = JSONValue.object(entries.mapValues { .object(["sha256": .string($0)]) })
        let document = JSONValue.object(["version": .integer(1), "trusted": trusted])
        do {
            try SecureFileWriter.write(document.jsonText + "\n", to: file)
        } catch {
            throw ConfigurationError(
                code: .fileUnreadable, message: "cannot write the trusted-profiles list: \(error).", file: file.path,
                hint: Self.hint)
        }
    }

    /// The path with every symbolic link resolved, so that a file is trusted once however it is reached.
    static func realPath(_ url: URL) -> String {
        guard let resolved = realpath(url.path, nil) else { return url.standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func hash(_ data: Data) -> String {
        SHA256Digest.digest(data).map { String(format: "%02x", $0) }.joined()
    }

    /// `path` as a shell word: unchanged when it holds only safe characters, else single-quoted.
    private static func shellQuoted(_ path: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%")
        if !path.isEmpty, path.allSatisfy({ safe.contains($0) }) { return path }
        return "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
