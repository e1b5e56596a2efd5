import BoxAuth
import Foundation
import Testing

/// Every numeric common setting has a documented range, checked at validation: out of it is an
/// error naming the setting's JSON path and the range, never a trap (Duration and Int conversions
/// happen only after the check).
@Suite("ProfileOptions ranges")
struct ProfileOptionsRangeTests {
    static func options(_ members: [String: JSONValue]) throws(ConfigurationError) -> ProfileOptions {
        try ProfileOptions(
            settings: ProfileSettings(
                profileName: "p", file: ProfileOptionsTests.file, path: JSONPath("profiles", "p"), members: members,
                baseDirectory: URL(fileURLWithPath: "/home/me"), environment: [:]))
    }

    /// A value out of a setting's range, and the words of the range the error must name.
    struct OutOfRange: Sendable, CustomTestStringConvertible {
        let key: String
        let value: JSONValue
        let range: String
        var testDescription: String { "\(key): \(value)" }
    }

    static let outOfRange: [OutOfRange] = [
        OutOfRange(key: "timeout", value: .integer(0), range: "more than 0 and at most 300 seconds"),
        OutOfRange(key: "timeout", value: .integer(-5), range: "more than 0 and at most 300 seconds"),
        OutOfRange(key: "timeout", value: .number(1e300), range: "more than 0 and at most 300 seconds"),
        OutOfRange(key: "timeout", value: .number(300.5), range: "more than 0 and at most 300 seconds"),
        OutOfRange(key: "retryDeadline", value: .integer(0), range: "more than 0 and at most 3600 seconds"),
        OutOfRange(key: "retryDeadline", value: .number(-0.5), range: "more than 0 and at most 3600 seconds"),
        OutOfRange(key: "retryDeadline", value: .number(1e300), range: "more than 0 and at most 3600 seconds"),
        OutOfRange(key: "refreshMargin", value: .integer(-1), range: "from 0 to 3600 seconds"),
        OutOfRange(key: "refreshMargin", value: .number(1e300), range: "from 0 to 3600 seconds"),
        OutOfRange(key: "maxAttempts", value: .integer(0), range: "a whole number from 1 to 100"),
        OutOfRange(key: "maxAttempts", value: .integer(-3), range: "a whole number from 1 to 100"),
        OutOfRange(key: "maxAttempts", value: .number(2.5), range: "a whole number from 1 to 100"),
        OutOfRange(key: "maxAttempts", value: .number(1e300), range: "a whole number from 1 to 100"),
        OutOfRange(key: "maxAttempts", value: .integer(Int64.max), range: "a whole number from 1 to 100"),
        OutOfRange(key: "cacheLockTimeout", value: .integer(0), range: "more than 0 and at most 3600 seconds"),
        OutOfRange(key: "cacheLockTimeout", value: .integer(-10), range: "more than 0 and at most 3600 seconds"),
        OutOfRange(key: "cacheLockTimeout", value: .number(1e300), range: "more than 0 and at most 3600 seconds"),
    ]

    @Test("values out of range are refused with the setting's JSON path and its range", arguments: outOfRange)
    func refused(_ bad: OutOfRange) throws {
        let error = try #require(throws: ConfigurationError.self) { try Self.options([bad.key: bad.value]) }
        #expect(error.code == .invalidValue)
        #expect(error.category == .configuration)
        #expect(error.jsonPath == "profiles.p.\(bad.key)")
        #expect(error.message.contains(bad.range), "\(error.message)")
    }

    @Test(
        "the ends of each range are accepted",
        arguments: [
            ("timeout", 300.0), ("timeout", 0.001), ("retryDeadline", 3600), ("retryDeadline", 0.5),
            ("refreshMargin", 0), ("refreshMargin", 3600), ("maxAttempts", 1), ("maxAttempts", 100),
            ("cacheLockTimeout", 3600), ("cacheLockTimeout", 0.25),
        ])
    func accepted(key: String, value: Double) throws {
        let options = try Self.options([key: .number(value)])
        switch key {
        case "timeout": #expect(options.timeout == value)
        case "retryDeadline": #expect(options.retryPolicy.deadline == value)
        case "refreshMargin": #expect(options.refreshMargin == value)
        case "maxAttempts": #expect(options.retryPolicy.maxAttempts == Int(value))
        default: #expect(options.cacheLockTimeout == value)
        }
    }

    @Test("cacheLockTimeout defaults to 10 s whatever the cache kind")
    func cacheLockTimeoutDefault() throws {
        #expect(try Self.options([:]).cacheLockTimeout == 10)
        #expect(try Self.options(["cache": .string("file"), "cacheLockTimeout": .integer(3)]).cacheLockTimeout == 3)
    }

    @Test("every numeric common setting declares its range, and the schema carries it")
    func declaredRanges() throws {
        let numeric = ProfileOptions.settings.filter { $0.type == .number }
        #expect(
            Set(numeric.map(\.name)) == [
                "refreshMargin", "timeout", "maxAttempts", "retryDeadline", "cacheLockTimeout",
            ])
        for setting in numeric { #expect(setting.range != nil, "\(setting.name)") }
        let timeout = try #require(ProfileOptions.settings.first { $0.name == "timeout" }?.range)
        #expect(
            timeout.contains(300) && !timeout.contains(0) && !timeout.contains(.infinity) && !timeout.contains(.nan))
    }
}
