package import Foundation

/// `application/x-www-form-urlencoded` bodies.
///
/// Both directions work on UTF-8 bytes with a lookup table: every token request is encoded once,
/// and the emulator decodes each one.
package enum FormEncoding {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Whether each byte is sent as itself (RFC 3986 unreserved: `A-Z a-z 0-9 - . _ ~`).
    private static let unreserved: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    /// Encodes fields in order as `name=value&...`, percent-encoding all but unreserved characters.
    package static func encode(_ fields: [(String, String)]) -> Data {
        var output = [UInt8]()
        output.reserveCapacity(fields.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 2 } * 3 / 2)
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            append(field.0, to: &output)
            output.append(UInt8(ascii: "="))
            append(field.1, to: &output)
        }
        return Data(output)
    }

    /// Decodes a form body into fields, in order (`+` is a space). A part that is not valid
    /// percent-encoded UTF-8 is kept as it was sent.
    package static func decode(_ body: Data) -> [(String, String)] {
        let text = String(decoding: body, as: UTF8.self)
        return text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0].utf8)
            let value = parts.count > 1 ? unescape(parts[1].utf8) : ""
            return (name, value)
        }
    }

    /// `+` as a space and `%XX` as a byte; the text unchanged when a `%` is not followed by two hex
    /// digits or the bytes are not UTF-8 (as `removingPercentEncoding` decides).
    private static func unescape(_ text: Substring.UTF8View) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            text.formIndex(after: &index)
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != text.endIndex, let high = hexValue(text[index]) else { return String(Substring(text)) }
                text.formIndex(after: &index)
                guard index != text.endIndex, let low = hexValue(text[index]) else { return String(Substring(text)) }
                text.formIndex(after: &index)
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        // Decoding repairs invalid UTF-8, so the result differs from the bytes exactly when they are not UTF-8.
        let decoded = String(decoding: bytes, as: UTF8.self)
        return decoded.utf8.elementsEqual(bytes) ? decoded : String(Substring(text))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            if unreserved[Int(byte)] {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0f)])
            }
        }
    }
}
