@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// A found `./profiles.json` is used only once trusted, and again only after each change.
@Suite("TrustedProfiles")
struct TrustedProfilesTests {
    /// A cloned repository (the current folder) with a profiles file, and the user's state folder.
    struct Workspace {
        let repository: TemporaryDirectory
        let state: TemporaryDirectory
        var profilesURL: URL { repository.url.appendingPathComponent("profiles.json") }
        var trusted: TrustedProfiles { TrustedProfiles(environment: ["XDG_STATE_HOME": state.url.path]) }
        var marker: URL { repository.url.appendingPathComponent("ran") }

        /// A file whose developer token is a program that leaves `ran` behind: proof that it ran.
        init() throws {
            repository = try TemporaryDirectory()
            state = try TemporaryDirectory()
            try write(token: "tok")
        }

        func write(token: String) throws {
            try repository.write(
                "profiles.json",
                #"{"profiles": {"dev": {"provider": "stub", "clientSecret": {"command": ["sh", "-c", "touch ran; echo "#
                    + token + #""]}}}}"#)
            try FileModes.set(0o600, on: profilesURL)
        }

        /// Finds the file as the library's locate-and-load entry point does, loads it and builds its profile.
        func resolve() throws -> ResolvedProfile {
            let location = try ProfilesFile.find(
                explicitPath: nil, environment: [:], currentDirectory: repository.url, homeDirectory: state.url)
            var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
            try registry.register(StubProviderFactory())
            return try registry.profile(
                in: try ProfilesFile.load(location, trusting: trusted), environment: ["PATH": "/usr/bin:/bin"])
        }

        func remove() {
            repository.remove()
            state.remove()
        }
    }

    @Test("an untrusted found file runs nothing and names the trust command")
    func untrusted() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let error = try #require(throws: ConfigurationError.self) { try workspace.resolve() }
        #expect(error.code == .untrustedFile)
        #expect(error.file == workspace.profilesURL.path)
        #expect(error.message.contains("not trusted"))
        let realPath = workspace.profilesURL.resolvingSymlinksInPath().path
        #expect(error.hint?.contains("box-auth profiles trust \(realPath)") == true)
        #expect(!FileManager.default.fileExists(atPath: workspace.marker.path))
    }

    @Test("trusted: the command runs; changed: refused again until trusted again; untrusted: refused")
    func lifecycle() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let recorded = try workspace.trusted.trust(workspace.profilesURL)
        #expect(recorded == workspace.profilesURL.resolvingSymlinksInPath().path)
        let profile = try workspace.resolve()
        #expect(profile.name == "dev")
        #expect(FileManager.default.fileExists(atPath: workspace.marker.path))
        try FileManager.default.removeItem(at: workspace.marker)

        try workspace.write(token: "other")
        let changed = try #require(throws: ConfigurationError.self) { try workspace.resolve() }
        #expect(changed.code == .untrustedFile)
        #expect(changed.message.contains("changed since you trusted it"))
        #expect(!FileManager.default.fileExists(atPath: workspace.marker.path))

        try workspace.trusted.trust(workspace.profilesURL)
        _ = try workspace.resolve()
        #expect(try workspace.trusted.untrust(workspace.profilesURL))
        #expect(!(try workspace.trusted.untrust(workspace.profilesURL)))
        #expect(throws: ConfigurationError.self) { try workspace.resolve() }
    }

    @Test("the list is 0600 in a 0700 folder, keyed by the real path (a link trusts its target once)")
    func listFile() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let link = workspace.repository.url.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: workspace.profilesURL)
        try workspace.trusted.trust(link)
        #expect(try workspace.trusted.trustedPaths() == [workspace.profilesURL.resolvingSymlinksInPath().path])
        let data = try Data(contentsOf: workspace.profilesURL)
        #expect(try workspace.trusted.status(of: workspace.profilesURL, contents: data) == .trusted)
        #expect(try FileModes.mode(of: workspace.trusted.file) == 0o600)
        #expect(try FileModes.mode(of: workspace.trusted.file.deletingLastPathComponent()) == 0o700)
    }

    @Test("a broken list trusts nothing and says which file to fix")
    func brokenList() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.state.write("box-auth/trusted-profiles.json", #"{"trusted": {"/x": 1}}"#)
        try FileModes.set(0o600, on: workspace.trusted.file)
        let error = try #require(throws: ConfigurationError.self) { try workspace.resolve() }
        #expect(error.file == workspace.trusted.file.path)
        #expect(!FileManager.default.fileExists(atPath: workspace.marker.path))
    }

    @Test("a list that another user can write is refused, not believed")
    func writableList() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.trusted.trust(workspace.profilesURL)
        try FileModes.set(0o666, on: workspace.trusted.file)
        let error = try #require(throws: ConfigurationError.self) { try workspace.resolve() }
        #expect(error.code == .unsafeFile)
        #expect(!FileManager.default.fileExists(atPath: workspace.marker.path))
    }

    @Test("a file the user names needs no trust, and validation can check a file without running its commands")
    func explicitAndValidation() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var file = try ProfilesFile.load(contentsOf: workspace.profilesURL)
        file.runsCommands = false
        var registry = AuthProviderRegistry(defaultTransport: UnreachableTransport())
        try registry.register(StubProviderFactory())
        let validation = file.validateAll(registry: registry, environment: ["PATH": "/usr/bin:/bin"])
        #expect(validation.isValid)
        #expect(validation.profiles.first?.isUnchecked == true)
        #expect(validation.profiles.first?.configurationError?.jsonPath == "profiles.dev.clientSecret")
        #expect(!FileManager.default.fileExists(atPath: workspace.marker.path))

        file.runsCommands = true
        #expect(file.validateAll(registry: registry, environment: ["PATH": "/usr/bin:/bin"]).profiles.first?.isValid == true)
        #expect(FileManager.default.fileExists(atPath: workspace.marker.path))
    }
}
