import BoxAuth
import Testing

/// A secret reference of a shape `SecretReference` refuses, and the error it must give.
struct RefusedSecretShape: Sendable, CustomTestStringConvertible {
    let json: JSONValue
    let code: ConfigurationError.Code
    let jsonPath: String
    var testDescription: String { "\(json) → \(code) at \(jsonPath)" }

    /// Reads `json` as the secret at `path` of `profiles.json`, expecting this refusal.
    func expectRefused(at path: JSONPath) {
        let error = #expect(throws: ConfigurationError.self) {
            try SecretReference(json: json, file: "profiles.json", path: path)
        }
        #expect(error?.code == code)
        #expect(error?.jsonPath == jsonPath)
        #expect(error?.file == "profiles.json")
    }
}
