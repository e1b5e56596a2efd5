@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// Where the profiles file is looked for: explicit > `BOX_PROFILES_FILE` > `./profiles.json` >
/// `~/.config/box-auth/profiles.json`.
@Suite("ProfilesFile.locate")
struct ProfilesFileLocateTests {
    /// A current directory and a home directory, each with or without a profiles file.
    struct Places {
        let current: TemporaryDirectory
        let home: TemporaryDirectory

        init(inCurrent: Bool, inHome: Bool) throws {
            current = try TemporaryDirectory()
            home = try TemporaryDirectory()
            if inCurrent { try current.write("profiles.json", #"{"profiles": {}}"#) }
            if inHome { try home.write(".config/box-auth/profiles.json", #"{"profiles": {}}"#) }
        }

        var currentFile: URL { current.url.appendingPathComponent("profiles.json") }
        var homeFile: URL { home.url.appendingPathComponent(".config/box-auth/profiles.json") }

        func locate(_ explicit: String?, _ environment: [String: String] = [:]) throws(ConfigurationError) -> URL {
            try ProfilesFile.locate(
                explicitPath: explicit, environment: environment, currentDirectory: current.url, homeDirectory: home.url
            )
        }

        func find(_ explicit: String?, _ environment: [String: String] = [:]) throws(ConfigurationError)
            -> ProfilesFile.Location
        {
            try ProfilesFile.find(
                explicitPath: explicit, environment: environment, currentDirectory: current.url, homeDirectory: home.url)
        }

        func remove() {
            current.remove()
            home.remove()
        }
    }

    @Test("an explicit path wins over everything, relative to the current directory")
    func explicit() throws {
        let places = try Places(inCurrent: true, inHome: true)
        defer { places.remove() }
        let found = try places.locate("config/mine.json", ["BOX_PROFILES_FILE": "/etc/box/profiles.json"])
        #expect(found.path == places.current.url.appendingPathComponent("config/mine.json").standardizedFileURL.path)
        #expect(try places.locate("/abs/profiles.json").path == "/abs/profiles.json")
    }

    @Test("BOX_PROFILES_FILE wins over ./profiles.json and the home file")
    func environment() throws {
        let places = try Places(inCurrent: true, inHome: true)
        defer { places.remove() }
        #expect(
            try places.locate(nil, ["BOX_PROFILES_FILE": "/etc/box/profiles.json"]).path == "/etc/box/profiles.json")
        #expect(
            try places.locate(nil, ["BOX_PROFILES_FILE": "team.json"]).path
                == places.current.url.appendingPathComponent("team.json").standardizedFileURL.path)
    }

    @Test("./profiles.json wins over the home file; an empty BOX_PROFILES_FILE is ignored")
    func currentDirectory() throws {
        let places = try Places(inCurrent: true, inHome: true)
        defer { places.remove() }
        #expect(try places.locate(nil).path == places.currentFile.path)
        #expect(try places.locate(nil, ["BOX_PROFILES_FILE": ""]).path == places.currentFile.path)
    }

    @Test("~/.config/box-auth/profiles.json is the last resort")
    func home() throws {
        let places = try Places(inCurrent: false, inHome: true)
        defer { places.remove() }
        #expect(try places.locate(nil).path == places.homeFile.path)
    }

    @Test("no file anywhere is .fileUnreadable naming the places searched")
    func nowhere() throws {
        let places = try Places(inCurrent: false, inHome: false)
        defer { places.remove() }
        let error = try #require(throws: ConfigurationError.self) { try places.locate(nil) }
        #expect(error.code == .fileUnreadable)
        #expect(error.message.contains(places.currentFile.path))
        #expect(error.message.contains(places.homeFile.path))
        #expect(error.hint?.contains("BOX_PROFILES_FILE") == true)
    }

    @Test("only a file found in the current folder needs trust; named files and the user's own do not")
    func origins() throws {
        let places = try Places(inCurrent: true, inHome: true)
        defer { places.remove() }
        #expect(try places.find("mine.json").origin == .explicit)
        #expect(try places.find(nil, ["BOX_PROFILES_FILE": "team.json"]).origin == .environment)
        let found = try places.find(nil)
        #expect(found.origin == .currentDirectory)
        #expect(found.requiresTrust)
        #expect(!(try places.find(places.currentFile.path).requiresTrust))
        try FileManager.default.removeItem(at: places.currentFile)
        #expect(try places.find(nil).origin == .userConfiguration)
        #expect(!(try places.find(nil).requiresTrust))
    }

    @Test("./profiles.json in the folder that is ~/.config/box-auth is the user's own file")
    func currentIsUsersOwn() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let configFolder = home.url.appendingPathComponent(".config/box-auth")
        try home.write(".config/box-auth/profiles.json", #"{"profiles": {}}"#)
        let found = try ProfilesFile.find(
            explicitPath: nil, environment: [:], currentDirectory: configFolder, homeDirectory: home.url)
        #expect(found.origin == .userConfiguration)
    }
}
