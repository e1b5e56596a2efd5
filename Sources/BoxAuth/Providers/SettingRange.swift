/// The values a numeric setting accepts: a lower bound (inclusive or not), an upper bound
/// (inclusive), and whether only whole numbers are allowed.
///
/// Validation checks every numeric setting against its range before the value becomes a
/// `Duration` or an `Int`, so a value such as `1e300` is an error naming the setting and its range,
/// never a trap; the JSON Schema carries the same range (`minimum`, `exclusiveMinimum`, `maximum`).
/// ```swift
/// ProviderSetting("timeout", .number, default: "30", range: .seconds(above: 0, upTo: 300),
///                 summary: "Seconds to wait for the token endpoint.")
/// ```
public struct SettingRange: Sendable, Hashable, CustomStringConvertible {
    /// The lower bound.
    public let minimum: Double
    /// Whether the lower bound itself is refused (`exclusiveMinimum` in JSON Schema).
    public let excludesMinimum: Bool
    /// The upper bound, included.
    public let maximum: Double
    /// Whether only whole numbers are accepted.
    public let isInteger: Bool
    /// The unit words use after a number ("seconds"), or nil for counts.
    public let unit: String?

    /// A range of seconds: more than `minimum`, up to `maximum` (included).
    public static func seconds(above minimum: Double, upTo maximum: Double) -> Self {
        Self(minimum: minimum, excludesMinimum: true, maximum: maximum, isInteger: false, unit: "seconds")
    }

    /// A range of seconds from `minimum` (included) up to `maximum`.
    public static func seconds(from minimum: Double, upTo maximum: Double) -> Self {
        Self(minimum: minimum, excludesMinimum: false, maximum: maximum, isInteger: false, unit: "seconds")
    }

    /// Whole numbers from `minimum` to `maximum`, both included.
    public static func wholeNumbers(from minimum: Int, through maximum: Int) -> Self {
        Self(minimum: Double(minimum), excludesMinimum: false, maximum: Double(maximum), isInteger: true, unit: nil)
    }

    /// Whether `value` is in the range (NaN and infinities never are).
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite, value <= maximum else { return false }
        guard excludesMinimum ? value > minimum : value >= minimum else { return false }
        return !isInteger || value.rounded() == value
    }

    /// The range as messages say it: `more than 0 and at most 300 seconds`, `a whole number from 1 to 100`.
    public var description: String {
        if isInteger { return "a whole number from \(Self.text(minimum)) to \(Self.text(maximum))" }
        let bounds =
            excludesMinimum
            ? "more than \(Self.text(minimum)) and at most \(Self.text(maximum))"
            : "from \(Self.text(minimum)) to \(Self.text(maximum))"
        return bounds + (unit.map { " \($0)" } ?? "")
    }

    /// The range as JSON Schema keywords.
    var schema: [String: JSONValue] {
        var schema: [String: JSONValue] = [
            "type": .string(isInteger ? "integer" : "number"), "maximum": Self.json(maximum),
        ]
        schema[excludesMinimum ? "exclusiveMinimum" : "minimum"] = Self.json(minimum)
        return schema
    }

    private static func json(_ value: Double) -> JSONValue {
        value.rounded() == value && abs(value) < 1e15 ? .integer(Int64(value)) : .number(value)
    }

    /// `value` as messages write it: `3600`, `2.5`, `1e+300`.
    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension Duration {
    /// `seconds` as a duration, clamped to 0…10⁶ s (NaN is 0) so that no value traps: settings are
    /// range-checked before they get here; this keeps values a library user sets directly safe too.
    package static func clampedSeconds(_ seconds: Double) -> Duration {
        guard seconds.isFinite else { return seconds > 0 ? .seconds(1_000_000) : .zero }
        return .milliseconds(Int64((min(max(seconds, 0), 1_000_000) * 1000).rounded()))
    }
}
