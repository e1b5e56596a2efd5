import BoxAuthProviders
import Foundation

/// Prints a ``ProfilesValidation`` for `profiles validate`: lines for people, or JSON objects for
/// tools (`--diagnostics`, read by the `box-auth-validate` plugin).
struct ValidationReport {
    let diagnostics: Bool

    /// Prints every warning once, then each profile's outcome.
    func print(_ validation: ProfilesValidation) {
        for warning in validation.warnings { self.warning(warning) }
        for profile in validation.profiles {
            if profile.isUnchecked, let error = profile.configurationError {
                unchecked(error, profile: profile.name)
            } else if let error = profile.error {
                problem(error, profile: profile.name)
            } else {
                valid(profile.name, kind: profile.kind ?? "?")
            }
        }
    }

    func valid(_ name: String, kind: String) {
        if diagnostics {
            emit(["severity": "remark", "message": "profile '\(name)' (\(kind)) is valid"])
        } else {
            Console.out("ok     \(name) (\(kind))")
        }
    }

    /// A profile whose check stopped at a command secret that was not run (the file is not trusted).
    func unchecked(_ error: ConfigurationError, profile: String) {
        guard diagnostics else {
            Console.out("skip   \(profile): \(error)")
            return
        }
        var fields = ["severity": "note", "message": error.message + (error.hint.map { " " + $0 } ?? "")]
        fields["file"] = error.file
        fields["jsonPath"] = error.jsonPath
        emit(fields)
    }

    func warning(_ warning: PermissionWarning) {
        let text = warning.description
        diagnostics
            ? emit(["severity": "warning", "message": text, "file": warning.file.path])
            : Console.out("warning: " + text)
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
