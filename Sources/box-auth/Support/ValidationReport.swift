import BoxAuthProviders
import Foundation

/// Prints what `profiles validate` finds: lines for people, or JSON objects for tools.
struct ValidationReport {
    let diagnostics: Bool

    func valid(_ name: String, kind: String) {
        if diagnostics {
            emit(["severity": "remark", "message": "profile '\(name)' (\(kind)) is valid"])
        } else {
            Console.out("ok     \(name) (\(kind))")
        }
    }

    func warning(_ text: String, file: String) {
        diagnostics ? emit(["severity": "warning", "message": text, "file": file]) : Console.out("warning: " + text)
    }

    func problem(_ error: any Error, profile: String? = nil) {
        guard diagnostics else {
            Console.out("error  \(profile ?? "-"): \(error)")
            return
        }
        var fields = ["severity": "error"]
        if let error = error as? ConfigurationError {
            fields["message"] = error.message + (error.hint.map { " " + $0 } ?? "")
            fields["file"] = error.file
            fields["jsonPath"] = error.jsonPath
        } else {
            fields["message"] = "\(error)"
        }
        emit(fields)
    }

    private func emit(_ fields: [String: String]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(fields) { Console.out(String(decoding: data, as: UTF8.self)) }
    }
}
