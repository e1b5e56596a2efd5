import BoxAuth
import Foundation
import Testing

@Suite("ProfileOptions")
struct ProfileOptionsTests {
    static let file = "/home/me/profiles.json"

    func options(_ members: [String: JSONValue]) throws(ConfigurationError) -> ProfileOptions {
        try ProfileOptions(
            settings: ProfileSettings(
                profileName: "p", file: Self.file, path: JSONPath("profiles", "p"), members: members,
                baseDirectory: URL(fileURLWithPath: "/home/me"), environment: [:]))
    }

    @Test("defaults: api.box.com, no As-User, 120 s margin, 30 s timeout")
    func defaults() throws {
        let options = try options(["provider": .string("jwt")])
        #expect(options == ProfileOptions())
        #expect(options.baseURL.absoluteString == "https://api.box.com")
        #expect(options.asUser == nil)
        #expect(options.refreshMargin == 120)
        #expect(options.timeout == 30)
    }

    @Test(
        "baseURL accepts https and loopback http; a trailing slash is dropped",
        arguments: [
            ("https://api.box.com", "https://api.box.com"), ("https://box.example.com/", "https://box.example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"), ("http://localhost:3000/", "http://localhost:3000"),
            ("http://[::1]:4000", "http://[::1]:4000"),
        ])
    func baseURL(text: String, expected: String) throws {
        #expect(try options(["baseURL": .string(text)]).baseURL.absoluteString == expected)
    }

    @Test(
        "baseURL refuses http to other hosts and non-URLs with .invalidURL at profiles.p.baseURL",
        arguments: ["http://example.com", "http://192.168.1.10:8080", "ftp://api.box.com", "api.box.com"])
    func baseURLRefused(text: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try options(["baseURL": .string(text)]) }
        #expect(error.code == .invalidURL)
        #expect(error.file == Self.file)
        #expect(error.jsonPath == "profiles.p.baseURL")
    }

    @Test("baseURL must be a string")
    func baseURLType() throws {
        let error = try #require(throws: ConfigurationError.self) { try options(["baseURL": .integer(443)]) }
        #expect(error.code == .wrongType)
        #expect(error.jsonPath == "profiles.p.baseURL")
    }

    @Test("refreshMargin, timeout and asUser are read", arguments: [JSONValue.string("33333"), .integer(33333)])
    func values(asUser: JSONValue) throws {
        let options = try options(["refreshMargin": .integer(300), "timeout": .number(2.5), "asUser": asUser])
        #expect(options.refreshMargin == 300)
        #expect(options.timeout == 2.5)
        #expect(options.asUser == "33333")
    }

    @Test("cache, maxAttempts and retryDeadline are read")
    func retryAndCache() throws {
        let defaults = try options([:])
        #expect(defaults.cache == .memory)
        #expect(defaults.retryPolicy == RetryPolicy())
        let options = try options(["cache": .string("file"), "maxAttempts": .integer(3), "retryDeadline": .number(7.5)])
        #expect(options.cache == .file)
        #expect(options.retryPolicy.maxAttempts == 3)
        #expect(options.retryPolicy.deadline == 7.5)
    }

    @Test("a refreshMargin of 0 is allowed")
    func zeroMargin() throws {
        #expect(try options(["refreshMargin": .integer(0)]).refreshMargin == 0)
    }

    /// A common setting with a bad value, and the error code it must raise.
    struct BadValue: Sendable, CustomTestStringConvertible {
        let key: String
        let value: JSONValue
        let code: ConfigurationError.Code
        var testDescription: String { "\(key): \(value)" }
    }

    static let badValues: [BadValue] = [
        BadValue(key: "refreshMargin", value: .integer(-1), code: .invalidValue),
        BadValue(key: "refreshMargin", value: .string("120"), code: .wrongType),
        BadValue(key: "timeout", value: .integer(0), code: .invalidValue),
        BadValue(key: "timeout", value: .number(-2.5), code: .invalidValue),
        BadValue(key: "timeout", value: .bool(true), code: .wrongType),
        BadValue(key: "asUser", value: .bool(true), code: .wrongType),
        BadValue(key: "asUser", value: .array([]), code: .wrongType),
        BadValue(key: "maxAttempts", value: .integer(0), code: .invalidValue),
        BadValue(key: "maxAttempts", value: .number(2.5), code: .invalidValue),
        BadValue(key: "maxAttempts", value: .integer(101), code: .invalidValue),
        BadValue(key: "retryDeadline", value: .integer(0), code: .invalidValue),
        BadValue(key: "retryDeadline", value: .string("60"), code: .wrongType),
    ]

    @Test("bad values are refused at their JSON path", arguments: badValues)
    func badValue(_ bad: BadValue) throws {
        let error = try #require(throws: ConfigurationError.self) { try options([bad.key: bad.value]) }
        #expect(error.code == bad.code)
        #expect(error.file == Self.file)
        #expect(error.jsonPath == "profiles.p.\(bad.key)")
    }

    @Test("the common settings are declared, with provider required")
    func declarations() {
        let names = ProfileOptions.settings.map(\.name)
        for name in [
            "provider", "baseURL", "asUser", "refreshMargin", "timeout", "cache", "maxAttempts", "retryDeadline",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(ProfileOptions.settings.filter(\.isRequired).map(\.name) == ["provider"])
    }
}
