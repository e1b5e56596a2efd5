@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("ProfilesFile")
struct ProfilesFileTests {
    /// A profiles.json as the README shows it: one profile per built-in provider.
    static let example = #"""
        {
          "$schema": "https://raw.githubusercontent.com/example/swift-box-auth/main/profiles.schema.json",
          "version": 1,
          "defaultProfile": "service",
          "profiles": {
            "service": { "provider": "jwt", "configFile": "~/.box/box_config.json", "algorithm": "RS512" },
            "automation": {
              "provider": "client-credentials",
              "clientID": "abc123",
              "clientSecret": { "env": "BOX_CLIENT_SECRET" },
              "enterpriseID": "1234567"
            },
            "alice": { "provider": "user-access-token", "userID": "33333", "grant": "jwt", "configFile": "box_config.json" },
            "bob": {
              "provider": "user-access-token", "userID": 44444, "grant": "client-credentials",
              "clientID": "abc123", "clientSecret": { "file": "secrets/client_secret.txt" }
            },
            "dev": { "provider": "developer-token", "token": { "env": "BOX_DEVELOPER_TOKEN" }, "asUser": "33333" }
          }
        }
        """#

    @Test("the example file parses")
    func example() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try folder.write("profiles.json", Self.example)
        let file = try ProfilesFile.load(contentsOf: url)
        #expect(file.url == url)
        #expect(file.defaultProfile == "service")
        #expect(file.profileNames == ["alice", "automation", "bob", "dev", "service"])
        #expect(file.entries["service"]?["algorithm"] == .string("RS512"))
        #expect(file.entries["bob"]?["userID"] == .integer(44444))
        #expect(try file.selectProfile(nil, environment: [:]) == "service")

        let settings = try file.settings(for: "automation", environment: ["BOX_CLIENT_SECRET": "from-env"])
        #expect(settings.profileName == "automation")
        #expect(settings.file == url.path)
        #expect(settings.path.description == "profiles.automation")
        #expect(settings.baseDirectory.standardizedFileURL == folder.url.standardizedFileURL)
        #expect(try settings.secret("clientSecret")?.exposedValue == "from-env")
        #expect(try settings.requiredIdentifier("enterpriseID") == "1234567")
    }

    @Test("version may be omitted, and the file may have no profiles")
    func minimal() throws {
        let file = try ProfilesFile(json: .object(["profiles": .object([:])]), url: URL(fileURLWithPath: "/tmp/p.json"))
        #expect(file.profileNames.isEmpty)
        #expect(file.defaultProfile == nil)
    }

    /// A profiles.json that does not load, and the error it must raise.
    struct Fault: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let code: ConfigurationError.Code
        let jsonPath: String
        /// Text the rendered error must contain.
        let says: [String]
        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(
            name: "unknown top-level key", json: #"{"defaultProfle": "a", "profiles": {"a": {}}}"#, code: .unknownKey,
            jsonPath: "defaultProfle", says: ["unknown key 'defaultProfle'", "Did you mean 'defaultProfile'?"]),
        Fault(
            name: "top-level key with no near match", json: #"{"settings": {}, "profiles": {}}"#, code: .unknownKey,
            jsonPath: "settings", says: ["Known keys here: $schema, broker, defaultProfile, profiles, version."]),
        Fault(
            name: "version 2", json: #"{"version": 2, "profiles": {}}"#, code: .invalidValue, jsonPath: "version",
            says: ["is not supported", "version 1"]),
        Fault(
            name: "version as a string", json: #"{"version": "1", "profiles": {}}"#, code: .invalidValue,
            jsonPath: "version", says: ["is not supported"]),
        Fault(
            name: "profiles missing", json: #"{"version": 1}"#, code: .missingValue, jsonPath: "profiles",
            says: ["missing 'profiles'"]),
        Fault(
            name: "profiles an array", json: #"{"profiles": []}"#, code: .wrongType, jsonPath: "profiles",
            says: ["expected an object, found an array"]),
        Fault(
            name: "a profile that is a string", json: #"{"profiles": {"service": "jwt"}}"#, code: .wrongType,
            jsonPath: "profiles.service", says: ["expected an object, found a string"]),
        Fault(
            name: "a profile with an awkward name that is null", json: #"{"profiles": {"my profile": null}}"#,
            code: .wrongType, jsonPath: #"profiles["my profile"]"#, says: ["found null"]),
        Fault(
            name: "an empty profile name", json: #"{"profiles": {"": {}}}"#, code: .invalidValue, jsonPath: "profiles",
            says: ["empty"]),
        Fault(
            name: "defaultProfile a number", json: #"{"defaultProfile": 1, "profiles": {"a": {}}}"#, code: .wrongType,
            jsonPath: "defaultProfile", says: ["expected a string, found a number"]),
        Fault(
            name: "defaultProfile naming a missing profile",
            json: #"{"defaultProfile": "servce", "profiles": {"service": {}, "dev": {}}}"#, code: .invalidValue,
            jsonPath: "defaultProfile", says: ["no profile is named 'servce'", "Profiles: dev, service."]),
        Fault(
            name: "the root an array", json: "[]", code: .wrongType, jsonPath: "", says: ["expected an object"]),
        Fault(name: "not JSON", json: #"{"profiles": {"#, code: .invalidJSON, jsonPath: "", says: ["not valid JSON"]),
    ]

    @Test("a malformed file throws a ConfigurationError with code, file and JSON path", arguments: faults)
    func fault(_ fault: Fault) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try folder.write("profiles.json", fault.json)
        let error = try #require(throws: ConfigurationError.self) { try ProfilesFile.load(contentsOf: url) }
        #expect(error.code == fault.code)
        #expect(error.category == .configuration)
        #expect(error.file == url.path)
        #expect((error.jsonPath ?? "") == fault.jsonPath)
        let text = "\(error)"
        #expect(text.hasPrefix(url.path + ": "))
        for words in fault.says {
            #expect(text.contains(words), "\(text)")
        }
    }

    @Test("the unsupported version is shown as written")
    func versionMessage() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ProfilesFile(
                json: .object(["version": .integer(2), "profiles": .object([:])]), url: URL(fileURLWithPath: "/p.json"))
        }
        #expect(error.message == "format version 2 is not supported.")
    }

    @Test("a missing file is .fileUnreadable")
    func missingFile() throws {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/profiles.json")
        let error = try #require(throws: ConfigurationError.self) { try ProfilesFile.load(contentsOf: url) }
        #expect(error.code == .fileUnreadable)
        #expect("\(error)".contains(url.path))
    }

    @Test("settings(for:) of a missing profile is .profileNotFound")
    func settingsOfMissingProfile() throws {
        let file = try ProfilesFile(
            json: .object(["profiles": .object(["a": .object([:])])]), url: URL(fileURLWithPath: "/p.json"))
        let error = try #require(throws: ConfigurationError.self) { try file.settings(for: "b", environment: [:]) }
        #expect(error.code == .profileNotFound)
    }
}
