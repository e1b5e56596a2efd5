/// Renders values taken from input (profile names, settings, keys, paths, PEM labels) inside error
/// messages, so that a message stays one line and cannot carry terminal control sequences however
/// hostile the input. `package` so that the built-in providers' messages escape the same way.
package enum MessageText {
    /// `text` in single quotes with control characters escaped: `'jwt'`, `'a\nb'`, `'\u{1B}[31m'`.
    package static func quoted(_ text: String) -> String { "'" + escaped(text) + "'" }

    /// `text` with control characters and line or paragraph separators escaped (`\n`, `\r`, `\t`,
    /// `\u{1B}`); other text is unchanged.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
