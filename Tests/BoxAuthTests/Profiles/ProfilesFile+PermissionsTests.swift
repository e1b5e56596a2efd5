import BoxAuth
import BoxAuthTestKit
import Foundation
import InMemoryLogging
import Logging
import Testing

@Suite("Permission warnings for the files profiles name")
struct ProfilesFilePermissionsTests {
    /// A folder with `profiles.json` holding one `stub` profile `service` with `entry`, and the files
    /// `key.pem` and `secret.txt` beside it; every file starts 0600.
    struct Workspace {
        let directory: TemporaryDirectory
        let profilesURL: URL
        var keyURL: URL { directory.url.appendingPathComponent("key.pem") }
        var secretURL: URL { directory.url.appendingPathComponent("secret.txt") }

        init(_ entry: String) throws {
            directory = try TemporaryDirectory()
            profilesURL = try directory.write(
                "profiles.json", #"{ "profiles": { "service": { "provider": "stub", \#(entry) } } }"#)
            try directory.write("key.pem", "key")
            try directory.write("secret.txt", "secret")
            for url in [profilesURL, keyURL, secretURL] { try FileModes.set(0o600, on: url) }
        }

        func file() throws -> ProfilesFile { try ProfilesFile.load(contentsOf: profilesURL) }

        var registry: AuthProviderRegistry {
            get throws {
                var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
                try registry.register(StubProviderFactory())
                return registry
            }
        }
    }

    static let declared = ProfileOptions.settings + StubProviderFactory().settings

    @Test("a custom provider's .path setting and {\"file\"} secret draw warnings, after the profiles file's")
    func customProvider() throws {
        let workspace = try Workspace(#""keyFile": "key.pem", "clientSecret": {"file": "secret.txt"}"#)
        defer { workspace.directory.remove() }
        try FileModes.set(0o644, on: workspace.profilesURL)
        try FileModes.set(0o644, on: workspace.keyURL)
        try FileModes.set(0o640, on: workspace.secretURL)
        let file = try workspace.file()
        let settings = try file.settings(for: "service", environment: [:])

        let warnings = file.permissionWarnings(for: settings, declared: Self.declared)
        #expect(
            warnings.map(\.file.path) == [workspace.profilesURL.path, workspace.secretURL.path, workspace.keyURL.path])
        #expect(warnings.map(\.jsonPath) == [nil, "profiles.service.clientSecret", "profiles.service.keyFile"])
        #expect(warnings.map(\.referencedFrom) == [nil, workspace.profilesURL.path, workspace.profilesURL.path])
        #expect(warnings[2].description.hasSuffix("run `chmod 600 \(workspace.keyURL.path)`."))
        #expect(file.permissionWarning == warnings.first)
        #expect(settings.permissionWarnings(declared: Self.declared) == Array(warnings.dropFirst()))
        #expect(file.permissionWarnings(registry: try workspace.registry) == warnings)
        #expect(file.permissionWarnings(profiles: ["service"], registry: try workspace.registry) == warnings)
    }

    @Test("only declared .path settings and {\"file\"} secrets count: not env or inline secrets, not other strings")
    func onlyDeclaredFiles() throws {
        let workspace = try Workspace(
            #""clientID": "key.pem", "clientSecret": {"env": "SECRET"}, "enterpriseID": "secret.txt""#)
        defer { workspace.directory.remove() }
        try FileModes.set(0o644, on: workspace.keyURL)
        try FileModes.set(0o644, on: workspace.secretURL)
        let file = try workspace.file()
        let settings = try file.settings(for: "service", environment: [:])
        #expect(file.permissionWarnings(for: settings, declared: Self.declared).isEmpty)
        // With no declarations (an unknown provider), nothing but the profiles file is checked.
        #expect(settings.permissionWarnings(declared: []).isEmpty)
    }

    @Test("a file named twice is warned about once")
    func once() throws {
        let workspace = try Workspace(#""keyFile": "secret.txt", "clientSecret": {"file": "./secret.txt"}"#)
        defer { workspace.directory.remove() }
        try FileModes.set(0o644, on: workspace.secretURL)
        let file = try workspace.file()
        let settings = try file.settings(for: "service", environment: [:])
        #expect(
            file.permissionWarnings(for: settings, declared: Self.declared).map(\.file.path) == [
                workspace.secretURL.path
            ])
    }

    @Test(
        "/dev/zero or a FIFO in a .path setting or {\"file\"} secret: no warning, one notRegularFile error",
        arguments: [
            "keyFile", "clientSecret",
        ])
    func notRegular(key: String) throws {
        let workspace = try Workspace(#""clientSecret": "inline""#)
        defer { workspace.directory.remove() }
        let fifo = try FileModes.makeFIFO(at: workspace.directory.url.appendingPathComponent("pipe"))
        try FileModes.set(0o666, on: fifo)
        for path in ["/dev/zero", fifo.path] {
            let entry =
                key == "keyFile"
                ? #""clientSecret": "x", "keyFile": "\#(path)""# : #""clientSecret": {"file": "\#(path)"}"#
            let profilesURL = try workspace.directory.write(
                "profiles.json", #"{ "profiles": { "service": { "provider": "stub", \#(entry) } } }"#)
            try FileModes.set(0o600, on: profilesURL)
            let file = try ProfilesFile.load(contentsOf: profilesURL)
            let settings = try file.settings(for: "service", environment: [:])
            #expect(file.permissionWarnings(for: settings, declared: Self.declared).isEmpty)

            let error = try #require(throws: ConfigurationError.self) {
                try workspace.registry.profile("service", in: file, environment: [:])
            }
            #expect(error.code == .notRegularFile)
            #expect(error.file == profilesURL.path)
            #expect(error.jsonPath == "profiles.service.\(key)")
            #expect(error.description.contains("'\(path)' is a "))
            #expect(error.description.contains("not a regular file"))
        }
    }

    @Test("resolving a profile returns each warning as a value, and logs it only when the registry asks")
    func returnedAndLoggedOnRequest() throws {
        let workspace = try Workspace(#""keyFile": "key.pem", "clientSecret": {"file": "secret.txt"}"#)
        defer { workspace.directory.remove() }
        try FileModes.set(0o644, on: workspace.keyURL)
        let quiet = TestLog()
        let profile = try workspace.registry.profile(
            "service", in: try workspace.file(), environment: [:], logger: quiet.logger)
        try #require(profile.warnings.count == 1)
        #expect(profile.warnings[0].file.path == workspace.keyURL.path)
        #expect(profile.warnings[0].jsonPath == "profiles.service.keyFile")
        #expect(profile.warnings[0].description.contains("chmod 600 \(workspace.keyURL.path)"))
        #expect(quiet.entries.isEmpty)

        var registry = try workspace.registry
        registry.logsWarnings = true
        let log = TestLog()
        _ = try registry.profile("service", in: try workspace.file(), environment: [:], logger: log.logger)
        let warnings = log.entries.filter { $0.metadata[PermissionWarning.logMetadataKey] != nil }
        try #require(warnings.count == 1)
        #expect(warnings[0].level == .warning)
        #expect("\(warnings[0].message)".contains("chmod 600 \(workspace.keyURL.path)"))
        #expect(warnings[0].metadata[PermissionWarning.logMetadataKey] == .string(workspace.keyURL.path))
        #expect(warnings[0].metadata["profile"] == "service")
        #expect(warnings[0].metadata["provider"] == "stub")
    }
}
