import Foundation
import BoxAuthTestSupport
import Testing
import BoxAuthEmulator

@Suite("box-auth token with a file cache shared by processes")
struct FileCacheTests {
    /// Writes a profiles.json whose only profile caches in a file under the fixture's folder.
    static func useFileCache(_ fixture: EmulatorFixture) throws -> (cacheHome: URL, environment: [String: String]) {
        try fixture.write(
            """
            { "profiles": { "shared": { "provider": "jwt", "configFile": "box_config.json", "cache": "file",
                                        "cacheLockTimeout": 300, "baseURL": "\(fixture.baseURL.absoluteString)" } } }
            """, named: "profiles.json")
        let cacheHome = fixture.folder.appendingPathComponent("cache")
        return (cacheHome, ["XDG_CACHE_HOME": cacheHome.path])
    }

    @Test("16 processes started cold make one token request and print the same token")
    func sixteenProcessesOneRequest() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let (cacheHome, environment) = try Self.useFileCache(fixture)
            let results = try await ProductProcess.boxAuthAtOnce(
                ["token", "--profiles", fixture.profilesPath], environments: Array(repeating: environment, count: 16))
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
            #expect(Set(results.map(\.stdout)).count == 1)
            #expect(await fixture.emulator.counters.tokenRequests == 1)

            // The cache folder and file are private, and the file holds no secret.
            let folder = cacheHome.appendingPathComponent("box-auth")
            let folderMode =
                try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? NSNumber
            #expect(folderMode?.intValue == 0o700)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.hasSuffix(".json")
            }
            let file = try #require(files.first)
            let fileMode =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[
                    .posixPermissions] as? NSNumber
            #expect(fileMode?.intValue == 0o600)
            let contents = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for secret in try fixture.secrets { #expect(!contents.contains(secret)) }
        }
    }

    @Test("a corrupted cache file is ignored and replaced")
    func corruptedFileIsReplaced() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let (cacheHome, environment) = try Self.useFileCache(fixture)
            let first = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(first.status == 0)
            let folder = cacheHome.appendingPathComponent("box-auth")
            let file = try #require(
                try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".json") })
            try Data("{not json".utf8).write(to: folder.appendingPathComponent(file))
            let second = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(await fixture.emulator.counters.tokenRequests == 2)
            let third = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(third.stdout == second.stdout)
            #expect(await fixture.emulator.counters.tokenRequests == 2)
        }
    }
}
