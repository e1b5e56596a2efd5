import Foundation
import BoxAuthTestSupport
import Testing

/// What `box-auth` does with files that other people control: a profiles file found in a folder
/// (used once trusted), files and folders other users own or can write (refused).
@Suite("box-auth at trust boundaries")
struct TrustBoundaryTests {
    /// A cloned repository holding a profiles file whose developer token is a program that leaves
    /// `ran` behind, and a private home for the trusted-profiles list.
    struct ClonedRepository {
        let repository: TemporaryDirectory
        let home: TemporaryDirectory
        var profilesURL: URL { repository.url.appendingPathComponent("profiles.json") }
        var marker: URL { repository.url.appendingPathComponent("ran") }
        var ran: Bool { FileManager.default.fileExists(atPath: marker.path) }
        var environment: [String: String] {
            ["HOME": home.url.path, "XDG_STATE_HOME": home.url.appendingPathComponent("state").path]
        }

        init(token: String = "tok") throws {
            repository = try TemporaryDirectory()
            home = try TemporaryDirectory()
            try write(token: token)
        }

        func write(token: String) throws {
            try repository.write(
                "profiles.json",
                #"{"profiles": {"dev": {"provider": "developer-token", "token": {"command": ["sh", "-c", "touch ran; echo "#
                    + token + #""]}}}}"#)
        }

        func boxAuth(_ arguments: [String]) async throws -> ProductProcess.Result {
            try await ProductProcess.boxAuth(arguments, environment: environment, in: repository.url)
        }

        func remove() {
            repository.remove()
            home.remove()
        }
    }

    @Test("a found profiles.json with a command secret runs nothing until trusted, and again after it changes")
    func foundFileNeedsTrust() async throws {
        let clone = try ClonedRepository()
        defer { clone.remove() }
        let realPath = clone.profilesURL.resolvingSymlinksInPath().path

        let refused = try await clone.boxAuth(["token"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(clone.profilesURL.path))
        #expect(refused.stderr.contains("box-auth profiles trust \(realPath)"))
        #expect(refused.stdout.isEmpty)
        #expect(!clone.ran)
        for command in [["profiles", "list"], ["profiles", "show"], ["exec", "--", "true"]] {
            #expect(try await clone.boxAuth(command).status == 2, "\(command)")
        }
        #expect(!clone.ran)

        let trust = try await clone.boxAuth(["profiles", "trust"])
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(trust.stdout.contains(realPath))
        let token = try await clone.boxAuth(["token"])
        #expect(token.status == 0, "\(token.stderr)")
        #expect(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "tok")
        #expect(clone.ran)
        try FileManager.default.removeItem(at: clone.marker)

        try clone.write(token: "changed")
        let changed = try await clone.boxAuth(["token"])
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("changed since you trusted it"))
        #expect(!clone.ran)

        #expect(try await clone.boxAuth(["profiles", "trust", "profiles.json"]).status == 0)
        #expect(try await clone.boxAuth(["token"]).stdout.contains("changed"))
        #expect(try await clone.boxAuth(["profiles", "untrust"]).status == 0)
        #expect(try await clone.boxAuth(["token"]).status == 2)
    }

    @Test("a file named with --profiles or BOX_PROFILES_FILE needs no trust")
    func namedFileNeedsNoTrust() async throws {
        let clone = try ClonedRepository()
        defer { clone.remove() }
        let named = try await clone.boxAuth(["token", "--profiles", clone.profilesURL.path])
        #expect(named.status == 0, "\(named.stderr)")
        let fromEnvironment = try await ProductProcess.boxAuth(
            ["token"], environment: clone.environment.merging(["BOX_PROFILES_FILE": clone.profilesURL.path]) { $1 },
            in: clone.repository.url)
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
    }

    @Test("profiles validate checks an untrusted file without running its commands, unless --run-commands")
    func validateRunsNothing() async throws {
        let clone = try ClonedRepository()
        defer { clone.remove() }
        let checked = try await clone.boxAuth(["profiles", "validate"])
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.stdout.contains("skip   dev"))
        #expect(checked.stdout.contains("--run-commands"))
        #expect(!clone.ran)
        let diagnostics = try await clone.boxAuth(["profiles", "validate", "--diagnostics"])
        #expect(diagnostics.stdout.contains(#""severity":"note""#))
        #expect(!clone.ran)

        let run = try await clone.boxAuth(["profiles", "validate", "--run-commands"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("ok     dev"))
        #expect(clone.ran)
    }

    @Test("under umask 000 the trusted-profiles list is still 0600 in a 0700 folder")
    func permissiveUmask() async throws {
        let clone = try ClonedRepository()
        defer { clone.remove() }
        // The umask is the child's own: changing this process's would race every suite creating files.
        let boxAuth = ProductProcess.productsDirectory.appendingPathComponent("box-auth").path
        let trust = try await ProductProcess.run(
            executable: URL(fileURLWithPath: "/bin/sh"),
            ["-c", #"umask 000 && exec "$0" "$@""#, boxAuth, "profiles", "trust"],
            environment: clone.environment, in: clone.repository.url)
        #expect(trust.status == 0, "\(trust.output)")
        let folder = clone.home.url.appendingPathComponent("state/box-auth")
        let list = folder.appendingPathComponent("trusted-profiles.json")
        #expect(try Self.mode(of: list) == 0o600)
        #expect(try Self.mode(of: folder) == 0o700)
        #expect(try await clone.boxAuth(["token"]).stdout.contains("tok"))
    }

    private static func mode(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("a profiles file that other users can write is refused (exit 2), naming its mode and the fix")
    func writableProfilesFile() async throws {
        let clone = try ClonedRepository()
        defer { clone.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: clone.profilesURL.path)
        let result = try await clone.boxAuth(["token", "--profiles", clone.profilesURL.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(clone.profilesURL.path))
        #expect(result.stderr.contains("writable by other users (mode 666)"))
        #expect(result.stderr.contains("chmod 600"))
        #expect(!clone.ran)
    }

    @Test(
        "a profiles file, or a secret file it names, that another user owns is refused (exit 2)",
        .enabled(if: OtherUser.isAvailable))
    func otherUsersFiles() async throws {
        let clone = try ClonedRepository()
        defer { clone.remove() }
        try OtherUser.giveAway(clone.profilesURL)
        let result = try await clone.boxAuth(["token", "--profiles", clone.profilesURL.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("owned by uid \(OtherUser.uid)"))
        #expect(!clone.ran)

        try clone.repository.write("token.txt", "file-token\n")
        try clone.repository.write(
            "named.json", #"{"profiles": {"dev": {"provider": "developer-token", "token": {"file": "token.txt"}}}}"#)
        let named = clone.repository.url.appendingPathComponent("named.json").path
        #expect(try await clone.boxAuth(["token", "--profiles", named]).status == 0)
        try OtherUser.giveAway(clone.repository.url.appendingPathComponent("token.txt"))
        let refused = try await clone.boxAuth(["token", "--profiles", named])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("profiles.dev.token"))
        #expect(refused.stderr.contains("owned by uid \(OtherUser.uid)"))
        #expect(!refused.stdout.contains("file-token"))
    }

    @Test(
        "a cache folder another user created beforehand (0777) is never used: no token is written into it",
        .enabled(if: OtherUser.isAvailable))
    func othersCacheFolder() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let (cacheHome, environment) = try FileCacheTests.useFileCache(fixture)
            let folder = cacheHome.appendingPathComponent("box-auth")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
            try OtherUser.giveAway(folder)
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(result.status == 2, "\(result.output)")
            #expect(result.stderr.contains(folder.path))
            #expect(result.stderr.contains("owned by uid \(OtherUser.uid)"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}
