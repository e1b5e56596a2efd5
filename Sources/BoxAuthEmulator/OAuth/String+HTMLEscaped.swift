extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references, safe inside
    /// HTML text and quoted attribute values.
    var htmlEscaped: String {
        var output = ""
        output.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
