/// Normalizes PEM text as found in config files and environment variables, and reads its label.
struct PEMText {
    /// The cleaned text: literal `\n` escapes turned into newlines, CRLF into LF, outer space trimmed.
    let text: String
    /// The label of the first block, e.g. `ENCRYPTED PRIVATE KEY`, or nil when there is no PEM block.
    let label: String?

    init(_ raw: String) {
        var text = raw.replacingOccurrences(of: "\\r\\n", with: "\n")
            .replacingOccurrences(of: "\\n", with: "\n")
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.text = text + "\n"
        if let begin = text.range(of: "-----BEGIN "),
            let end = text[begin.upperBound...].range(of: "-----")
        {
            let label = String(text[begin.upperBound..<end.lowerBound])
            self.label = text.contains("-----END \(label)-----") ? label : nil
        } else {
            self.label = nil
        }
    }

    /// Whether the block is encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY`, or a legacy `Proc-Type` header).
    var isEncrypted: Bool {
        label == "ENCRYPTED PRIVATE KEY" || text.contains("Proc-Type: 4,ENCRYPTED")
    }
}

import Foundation
