/// Reads members of one JSON object, turning every absence or type mismatch into a located
/// ``ConfigurationError``.
package struct JSONObjectReader: Sendable {
    /// The object's members.
    package let members: [String: JSONValue]
    /// The file the object is in, for errors.
    package let file: String?
    /// The object's JSON path, for errors.
    package let path: JSONPath

    /// Wraps `value`, which must be an object.
    package init(_ value: JSONValue, file: String?, path: JSONPath) throws(ConfigurationError) {
        guard case .object(let members) = value else {
            throw .wrongType(file, path, expected: "an object", found: value)
        }
        self.members = members
        self.file = file
        self.path = path
    }

    /// Wraps the members of an object.
    package init(members: [String: JSONValue], file: String?, path: JSONPath) {
        self.members = members
        self.file = file
        self.path = path
    }

    /// The nested object `key` (required).
    package func object(_ key: String) throws(ConfigurationError) -> JSONObjectReader {
        guard let value = members[key] else {
            throw .missingValue(file, path.appending(key), what: "'\(key)' (an object)")
        }
        return try JSONObjectReader(value, file: file, path: path.appending(key))
    }

    /// The non-empty string `key` (required).
    package func requiredString(_ key: String) throws(ConfigurationError) -> String {
        guard let value = try optionalString(key) else {
            throw .missingValue(file, path.appending(key), what: "'\(key)' (a string)")
        }
        return value
    }

    /// The string `key`, or nil when absent or null. Empty strings are refused unless `allowEmpty`.
    package func optionalString(_ key: String, allowEmpty: Bool = false) throws(ConfigurationError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?:
            guard allowEmpty || !text.isEmpty else {
                throw .invalidValue(
                    file, path.appending(key), "'\(key)' is empty.", hint: "Give it a value or remove it.")
            }
            return text
        case let value?: throw .wrongType(file, path.appending(key), expected: "a string", found: value)
        }
    }

    /// An ID that may be written as a string or an integer (`"1234567"` or `1234567`); empty is absent.
    package func optionalIdentifier(_ key: String) throws(ConfigurationError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case .integer(let number)?: return String(number)
        case let value?: throw .wrongType(file, path.appending(key), expected: "a string", found: value)
        }
    }
}
