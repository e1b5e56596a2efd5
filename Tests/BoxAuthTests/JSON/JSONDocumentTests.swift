@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("JSONDocument")
struct JSONDocumentTests {
    @Test("parses a file into JSON values")
    func parsesFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "doc.json", #"{"a": [1, 2.5, "x", true, null, {"b": false}], "big": 9007199254740993}"#)
        let value = try JSONDocument.load(contentsOf: file)
        #expect(
            value
                == .object([
                    "a": .array([
                        .integer(1), .number(2.5), .string("x"), .bool(true), .null, .object(["b": .bool(false)]),
                    ]),
                    "big": .integer(9_007_199_254_740_993),
                ]))
    }

    @Test(
        "numbers stay numbers and booleans stay booleans",
        arguments: [
            ("0", JSONValue.integer(0)), ("1", .integer(1)), ("-7", .integer(-7)), ("1.5", .number(1.5)),
            ("true", .bool(true)), ("false", .bool(false)), ("null", .null), (#""1""#, .string("1")),
        ])
    func scalarTypes(text: String, expected: JSONValue) throws {
        #expect(try JSONDocument.parse(Data("[\(text)]".utf8), file: "inline") == .array([expected]))
    }

    @Test(
        "invalid JSON is invalidJSON naming the file",
        arguments: [
            "{", #"{"a": }"#, "{'a': 1}", #"{"a" 1}"#, "not json", "", #"{"a": 1} trailing"#,
        ])
    func invalidJSON(text: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("broken.json", text)
        let error = #expect(throws: ConfigurationError.self) { try JSONDocument.load(contentsOf: file) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.file == file.path)
        #expect(error?.description.contains(file.path) == true)
        #expect(error?.category == .configuration)
    }

    @Test("a file over 1 MiB is fileTooLarge, before parsing")
    func tooLarge() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Valid JSON, so only the size can be the problem.
        let text = "\"" + String(repeating: "a", count: JSONDocument.maximumSize - 1) + "\""
        let file = try directory.write("huge.json", text)
        let error = #expect(throws: ConfigurationError.self) { try JSONDocument.load(contentsOf: file) }
        #expect(error?.code == .fileTooLarge)
        #expect(error?.file == file.path)
        #expect(error?.description.contains("\(JSONDocument.maximumSize + 1)") == true)

        let parseError = #expect(throws: ConfigurationError.self) {
            try JSONDocument.parse(Data(text.utf8), file: "inline.json")
        }
        #expect(parseError?.code == .fileTooLarge)
    }

    @Test("a file of exactly 1 MiB is read")
    func exactlyAtLimit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = "\"" + String(repeating: "a", count: JSONDocument.maximumSize - 2) + "\""
        let file = try directory.write("limit.json", text)
        #expect(try JSONDocument.load(contentsOf: file).stringValue?.count == JSONDocument.maximumSize - 2)
    }

    @Test("a missing file is fileUnreadable naming the path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("absent.json")
        let error = #expect(throws: ConfigurationError.self) { try JSONDocument.load(contentsOf: file) }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.description.contains(file.path) == true)
    }
}
