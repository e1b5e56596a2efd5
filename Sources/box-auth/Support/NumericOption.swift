import ArgumentParser
import BoxAuth

/// The documented range of a numeric command-line option, checked in a command's `validate()`.
///
/// Options are parsed as `Double` (so `nan`, `inf` and `1e300` arrive here instead of failing or
/// overflowing later), and a value outside the range, not finite, or not whole where a whole
/// number is needed, exits 2 with one line naming the option and its range: never a trap.
struct NumericOption: Sendable {
    /// The option as written, `--timeout`.
    let name: String
    /// The values allowed.
    let range: ClosedRange<Double>
    /// Whether only whole numbers are allowed (ports, counts).
    let isWhole: Bool
    /// The unit, for the message (`seconds`), if any.
    let unit: String?

    /// `--timeout` of `login`: 1 to 86,400 seconds (a day).
    static let loginTimeout = NumericOption(name: "--timeout", range: 1...86_400, isWhole: false, unit: "seconds")
    /// `--port` of `login` and `emulator`: 0 (a free port) to 65,535.
    static let port = NumericOption(name: "--port", range: 0...65_535, isWhole: true, unit: nil)
    /// `--token-lifetime` of `emulator`: 1 second to 366 days.
    static let tokenLifetime = NumericOption(
        name: "--token-lifetime", range: 1...31_622_400, isWhole: true, unit: "seconds")
    /// `--clock-offset` of `emulator`: up to 366 days either way.
    static let clockOffset = NumericOption(
        name: "--clock-offset", range: -31_622_400...31_622_400, isWhole: false, unit: "seconds")

    /// The range as the help and the error say it: `from 1 to 86400 seconds`.
    var rangeText: String {
        let bounds = "from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))"
        let whole = isWhole ? "a whole number " : ""
        return whole + bounds + (unit.map { " " + $0 } ?? "")
    }

    /// Returns `value` if it is in range; otherwise prints why and exits 2.
    @discardableResult
    func check(_ value: Double) throws -> Double {
        guard value.isFinite, range.contains(value), !isWhole || value == value.rounded() else {
            Console.error("box-auth: error: \(name) must be \(rangeText), not \(MessageText.escaped(String(value))).")
            throw ExitCode.configuration
        }
        return value
    }

    /// `value` checked and made an `Int` (for whole-number options).
    func wholeNumber(_ value: Double) throws -> Int {
        Int(try check(value))
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
