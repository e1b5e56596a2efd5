import BoxAuthTestSupport
import Foundation
import Testing

@Suite("Numeric options: out of range, NaN or infinite exits 2 naming the option and its range, never a trap")
struct NumericOptionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let option: String
        let range: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let timeout = "from 1 to 86400 seconds"
    static let port = "a whole number from 0 to 65535"

    static let cases: [Case] =
        ["1e300", "nan", "inf", "-inf", "0", "-5", "86401", "0.5"].map {
            Case(arguments: ["login", "--timeout", $0], option: "--timeout", range: timeout)
        }
        + ["1e300", "nan", "inf", "-1", "65536", "80.5"].map {
            Case(arguments: ["login", "--port", $0], option: "--port", range: port)
        }
        + ["1e300", "-1", "70000"].map {
            Case(arguments: ["emulator", "--port", $0], option: "--port", range: port)
        }
        + ["0", "-3600", "1e300", "nan", "1.5"].map {
            Case(
                arguments: ["emulator", "--port", "0", "--token-lifetime", $0], option: "--token-lifetime",
                range: "a whole number from 1 to 31622400 seconds")
        }
        + ["1e300", "nan", "-inf", "-31622401"].map {
            Case(
                arguments: ["emulator", "--port", "0", "--clock-offset", $0], option: "--clock-offset",
                range: "from -31622400 to 31622400 seconds")
        }

    @Test("a value out of range exits 2 naming the option and its range", arguments: cases)
    func outOfRange(_ testCase: Case) async throws {
        let result = try await ProductProcess.boxAuth(testCase.arguments)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("\(testCase.option) must be \(testCase.range)"), "\(result.stderr)")
    }

    @Test("the ranges are in the help")
    func help() async throws {
        // The help wraps its lines.
        func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let login = flat(try await ProductProcess.boxAuth(["login", "--help"]).stdout)
        #expect(login.contains(Self.timeout))
        #expect(login.contains(Self.port))
        let emulator = flat(try await ProductProcess.boxAuth(["emulator", "--help"]).stdout)
        #expect(emulator.contains("a whole number from 1 to 31622400 seconds"))
    }
}
