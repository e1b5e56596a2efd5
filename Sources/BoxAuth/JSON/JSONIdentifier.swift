import Foundation

/// A Box ID read from a server's JSON answer: a string, or a whole number of any size, kept as text.
///
/// Box sends IDs as strings; an answer that sends a number instead (of 2^63 or more, say) must not
/// crash a client that converts it to a fixed-size integer, so the digits are kept as they are
/// (up to 38 significant digits exactly; a longer number is kept rounded to 38). `package` so
/// that the CLI and the test kit read IDs the same way.
package struct JSONIdentifier: Decodable, Sendable, Hashable {
    /// The ID as text: the string sent, or the number's digits.
    package let text: String

    /// An ID from its text.
    package init(_ text: String) {
        self.text = text
    }

    /// Decodes a string, or a whole number that is not negative.
    /// - Throws: `DecodingError` for any other value (a fraction, a negative number, an object).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(UInt64.self) {
            text = String(number)
        } else {
            // Past 64 bits: Foundation's decoder reads the digits into a Decimal, not a Double.
            let number = try container.decode(Decimal.self)
            var rounded = Decimal()
            var value = number
            NSDecimalRound(&rounded, &value, 0, .plain)
            guard number.isFinite, rounded == number, number >= 0 else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "an ID must be a string or a whole number that is not negative")
            }
            text = number.description
        }
    }
}
