/// A secret string (client secret, passphrase, private key PEM, assertion) that never prints itself.
///
/// `description`, `debugDescription`, string interpolation and `dump` all show `<redacted>`. Read the
/// value only where it is sent or used, with ``withUnsafeValue(_:)`` or ``exposedValue``.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) { self.value = value }

    /// The secret itself. Use it only to send or compute, never to print or log.
    public var exposedValue: String { value }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool { value.isEmpty }

    /// Calls `body` with the secret's UTF-8 bytes.
    public func withUnsafeValue<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var copy = value
        return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `Secret(<redacted>)`.
    public var debugDescription: String { "Secret(<redacted>)" }
    /// A mirror without children, so `dump` cannot reveal the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
