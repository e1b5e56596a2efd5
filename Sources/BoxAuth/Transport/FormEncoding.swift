import Foundation

/// `application/x-www-form-urlencoded` bodies.
public enum FormEncoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// Encodes fields in order as `name=value&...`, percent-encoding all but unreserved characters.
    public static func encode(_ fields: [(String, String)]) -> Data {
        var output = [UInt8]()
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            append(field.0, to: &output)
            output.append(UInt8(ascii: "="))
            append(field.1, to: &output)
        }
        return Data(output)
    }

    /// Decodes a form body into fields, in order (`+` is a space).
    public static func decode(_ body: Data) -> [(String, String)] {
        let text = String(decoding: body, as: UTF8.self)
        return text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0])
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            return (name, value)
        }
    }

    private static func unescape(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0f)])
            }
        }
    }
}
