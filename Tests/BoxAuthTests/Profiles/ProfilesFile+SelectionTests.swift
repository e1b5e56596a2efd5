@_spi(Plumbing) import BoxAuth
import Foundation
import Testing

/// Which profile is used: explicit > `BOX_PROFILE` > `defaultProfile` > the only profile.
@Suite("ProfilesFile profile selection")
struct ProfilesFileSelectionTests {
    static let url = URL(fileURLWithPath: "/work/profiles.json")

    func file(_ names: [String], defaultProfile: String? = nil) throws -> ProfilesFile {
        var root: [String: JSONValue] = [
            "profiles": .object(Dictionary(uniqueKeysWithValues: names.map { ($0, JSONValue.object([:])) }))
        ]
        if let defaultProfile { root["defaultProfile"] = .string(defaultProfile) }
        return try ProfilesFile(json: .object(root), url: Self.url)
    }

    /// One row of the selection matrix.
    struct Case: Sendable, CustomTestStringConvertible {
        let requested: String?
        let environment: String?
        let defaultProfile: String?
        let profiles: [String]
        let expected: String
        var testDescription: String {
            "explicit \(requested ?? "-"), BOX_PROFILE \(environment ?? "-"), default \(defaultProfile ?? "-"), "
                + "\(profiles.count) profiles → \(expected)"
        }
    }

    static let cases: [Case] = [
        Case(requested: "a", environment: "b", defaultProfile: "c", profiles: ["a", "b", "c"], expected: "a"),
        Case(requested: nil, environment: "b", defaultProfile: "c", profiles: ["a", "b", "c"], expected: "b"),
        Case(requested: nil, environment: nil, defaultProfile: "c", profiles: ["a", "b", "c"], expected: "c"),
        Case(requested: nil, environment: "", defaultProfile: "c", profiles: ["a", "b", "c"], expected: "c"),
        Case(requested: nil, environment: nil, defaultProfile: nil, profiles: ["only"], expected: "only"),
        Case(requested: nil, environment: "b", defaultProfile: nil, profiles: ["a", "b"], expected: "b"),
        Case(requested: "a", environment: nil, defaultProfile: nil, profiles: ["a", "b"], expected: "a"),
        Case(requested: nil, environment: nil, defaultProfile: "a", profiles: ["a"], expected: "a"),
    ]

    @Test("explicit > BOX_PROFILE > defaultProfile > only profile", arguments: cases)
    func selection(_ selection: Case) throws {
        let file = try file(selection.profiles, defaultProfile: selection.defaultProfile)
        let environment = selection.environment.map { ["BOX_PROFILE": $0] } ?? [:]
        #expect(try file.selectProfile(selection.requested, environment: environment) == selection.expected)
    }

    @Test("several profiles and none chosen is .profileNotFound listing them")
    func noneChosen() throws {
        let file = try file(["b", "a"])
        let error = try #require(throws: ConfigurationError.self) { try file.selectProfile(nil, environment: [:]) }
        #expect(error.code == .profileNotFound)
        #expect(error.file == Self.url.path)
        #expect(error.hint?.contains("BOX_PROFILE") == true)
        #expect(error.hint?.contains("Profiles: a, b.") == true)
    }

    @Test("no profiles at all is .profileNotFound")
    func noProfiles() throws {
        let error = try #require(throws: ConfigurationError.self) { try file([]).selectProfile(nil, environment: [:]) }
        #expect(error.code == .profileNotFound)
        #expect(error.hint?.contains("none") == true)
    }

    @Test(
        "naming a profile that does not exist is .profileNotFound, explicitly or through BOX_PROFILE",
        arguments: [("missing", [:]), (nil, ["BOX_PROFILE": "missing"])] as [(String?, [String: String])])
    func missingProfile(requested: String?, environment: [String: String]) throws {
        let file = try file(["a", "b"], defaultProfile: "a")
        let error = try #require(throws: ConfigurationError.self) {
            try file.selectProfile(requested, environment: environment)
        }
        #expect(error.code == .profileNotFound)
        #expect(error.message.contains("'missing'"))
        #expect(error.jsonPath == "profiles")
        #expect(error.hint == "Profiles: a, b.")
    }
}
