import BoxAuth
import Foundation
import Testing

@Suite("JSONIdentifier: IDs from a server, as text whatever their size")
struct JSONIdentifierTests {
    struct User: Decodable {
        let id: JSONIdentifier
    }

    static func decode(_ id: String) throws -> String {
        try JSONDecoder().decode(User.self, from: Data(#"{"id": \#(id)}"#.utf8)).id.text
    }

    @Test(
        "strings and whole numbers of any size are kept as their digits",
        arguments: [
            (#""33333""#, "33333"), ("33333", "33333"), ("9223372036854775807", "9223372036854775807"),
            ("9223372036854775808", "9223372036854775808"), ("18446744073709551615", "18446744073709551615"),
            ("18446744073709551616", "18446744073709551616"),
            ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
            ("1e3", "1000"), ("0", "0"),
        ])
    func wholeNumbers(json: String, expected: String) throws {
        #expect(try Self.decode(json) == expected)
    }

    @Test("a number far past 64 bits does not trap: its digits, or a decoding error")
    func huge() throws {
        let sixtyOneDigits = "1" + String(repeating: "0", count: 60)
        #expect(try Self.decode(sixtyOneDigits) == sixtyOneDigits)
        for json in ["1e300", "1" + String(repeating: "7", count: 400)] {
            let text = try? Self.decode(json)
            let digitsOnly = text.map { $0.allSatisfy(\.isNumber) } ?? true
            #expect(digitsOnly, "\(json)")
        }
    }

    @Test("fractions, negative numbers and other types are refused", arguments: ["12.5", "-1", "true", "{}", "null"])
    func refused(json: String) {
        #expect(throws: DecodingError.self) { try Self.decode(json) }
    }
}
