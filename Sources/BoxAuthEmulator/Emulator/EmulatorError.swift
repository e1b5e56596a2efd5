public import BoxAuth

/// The emulator could not start or is in the wrong state for the call.
public struct EmulatorError: BoxAuthError, Hashable {
    /// Identifies the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// ``BoxEmulator/start(host:port:)`` or ``BoxEmulator/run(host:port:onReady:)`` was called
        /// while the emulator was already serving.
        public static let alreadyRunning = Code("alreadyRunning")
        /// The HTTP server stopped before it listened (address in use, host unknown, ...).
        public static let serverDidNotStart = Code("serverDidNotStart")
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in a sentence.
    public let detail: String

    /// Creates an error.
    package init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// Always ``BoxAuthErrorCategory/unavailable``.
    public var category: BoxAuthErrorCategory { .unavailable }

    /// One paragraph with what to do.
    public var description: String {
        switch code {
        case .alreadyRunning:
            "The Box emulator is already serving (\(detail)). Call stop() first, or use another BoxEmulator."
        default:
            "The Box emulator could not start: \(detail). Check that the host is a local address and the port is free."
        }
    }
}
