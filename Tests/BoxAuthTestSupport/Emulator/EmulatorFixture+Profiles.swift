@_spi(Plumbing) public import BoxAuth
public import BoxAuthProviders
public import Foundation
public import Logging
import BoxAuthEmulator

extension EmulatorFixture {
    /// The fixture's `profiles.json`.
    public var profilesURL: URL { folder.appendingPathComponent("profiles.json") }

    /// Writes `text` to `name` inside the folder (mode 0600) and returns its URL.
    @discardableResult
    public func write(_ text: String, named name: String) throws -> URL {
        try sandbox.writeFile(name, text)
    }

    /// Writes `profiles.json` with `entries` (profile name to the entry's JSON text); every entry
    /// without a `baseURL` gets the emulator's (or `baseURL`).
    @discardableResult
    public func writeProfiles(
        _ entries: [String: String], defaultProfile: String? = nil, baseURL: URL? = nil
    ) throws -> ProfilesFile {
        var profiles: [String: JSONValue] = [:]
        for (name, text) in entries {
            profiles[name] = .object(try members(text, baseURL: baseURL))
        }
        var root: [String: JSONValue] = ["version": .integer(1), "profiles": .object(profiles)]
        if let defaultProfile { root["defaultProfile"] = .string(defaultProfile) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try write(String(decoding: try encoder.encode(JSONValue.object(root)), as: UTF8.self), named: "profiles.json")
        return try ProfilesFile.load(contentsOf: profilesURL)
    }

    /// Writes a one-profile `profiles.json` with `entry` and builds its provider with `registry`
    /// and the fixture's transport.
    public func profile(
        _ entry: String, environment: [String: String] = [:], baseURL: URL? = nil,
        registry: AuthProviderRegistry = .standard, logger: Logger = TestLog(level: .critical).logger
    ) throws -> ResolvedProfile {
        let file = try writeProfiles(["test": entry], baseURL: baseURL)
        return try registry.profile("test", in: file, environment: environment, transport: transport, logger: logger)
    }

    /// Builds the provider of a one-profile profiles file held in memory (no file is read or
    /// written), with the standard registry and the fixture's transport.
    public func profile(members entry: [String: JSONValue], logger: Logger) throws -> ResolvedProfile {
        var entry = entry
        if entry["baseURL"] == nil { entry["baseURL"] = .string(baseURL.absoluteString) }
        let root: JSONValue = .object(["version": .integer(1), "profiles": .object(["test": .object(entry)])])
        let file = try ProfilesFile(json: root, url: folder.appendingPathComponent("in-memory-profiles.json"))
        return try AuthProviderRegistry.standard.profile(
            "test", in: file, environment: [:], transport: transport, logger: logger)
    }

    private func members(_ text: String, baseURL: URL?) throws -> [String: JSONValue] {
        var members = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)).objectValue ?? [:]
        if members["baseURL"] == nil { members["baseURL"] = .string((baseURL ?? self.baseURL).absoluteString) }
        return members
    }
}
