/// One setting a provider kind accepts in its profile entries: name, type, whether required,
/// whether secret, default and a one-line summary.
///
/// The registry checks every profile against its provider's declared settings (unknown keys, wrong
/// types, missing required settings) before the provider is built.
public struct ProviderSetting: Sendable, Hashable {
    /// The JSON type a setting takes.
    public enum ValueType: Sendable, Hashable, CustomStringConvertible {
        /// A string.
        case string
        /// A Box ID (enterprise, user): a string of digits, or the number itself.
        case identifier
        /// A secret: a string, `{"env": "NAME"}`, `{"file": "path"}` or `{"command": ["program", "arg"]}`.
        case secret
        /// A number (seconds, counts).
        case number
        /// `true` or `false`.
        case boolean
        /// One of a fixed set of strings.
        case oneOf([String])
        /// A file path (`~` allowed; relative to the profiles file).
        case path
        /// A non-empty array of strings (e.g. a command and its arguments).
        case stringArray

        /// The type as error messages say it.
        public var description: String {
            switch self {
            case .string: "a string"
            case .identifier: "an ID (a string or a number)"
            case .secret: #"a secret (a string, {"env": "NAME"}, {"file": "path"} or {"command": ["program", "arg"]})"#
            case .number: "a number"
            case .boolean: "true or false"
            case .oneOf(let values): "one of " + values.map { "'\($0)'" }.joined(separator: ", ")
            case .path: "a file path"
            case .stringArray: "an array of strings"
            }
        }
    }

    /// The key in the profile entry.
    public let name: String
    /// Its JSON type.
    public let type: ValueType
    /// Whether every profile of this kind must set it.
    public let isRequired: Bool
    /// The value used when it is absent, as text, for documentation.
    public let defaultValue: String?
    /// One line saying what it is.
    public let summary: String
    /// The values a ``ValueType/number`` setting accepts (checked at validation, and written into
    /// the JSON Schema); nil for other types, or any number of 0 or more.
    public let range: SettingRange?

    /// Declares a setting.
    public init(
        _ name: String, _ type: ValueType, required: Bool = false, default defaultValue: String? = nil,
        range: SettingRange? = nil, summary: String
    ) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.defaultValue = defaultValue
        self.range = range
        self.summary = summary
    }

    /// The value of this ``ValueType/number`` setting in `settings`, checked against ``range``;
    /// nil when absent.
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/invalidValue``) naming the
    ///   setting's JSON path and its range; ``ConfigurationError/Code/wrongType`` for a non-number.
    public func number(in settings: ProfileSettings) throws(ConfigurationError) -> Double? {
        guard let value = try settings.number(name) else { return nil }
        if let range, !range.contains(value) {
            throw settings.invalid(name, "must be \(range), not \(SettingRange.text(value)).")
        }
        return value
    }

    /// Whether values of this setting are secrets (never printed).
    public var isSecret: Bool { type == .secret }
}
