public import BoxAuth

/// Why a ``TokenBroker`` cannot start: its socket, its listen address or its token file.
public struct TokenBrokerError: BoxAuthError, Hashable {
    /// Identifies the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The listen address is not a loopback address with a port.
        public static let invalidListenAddress = Code("invalidListenAddress")
        /// The socket's path or folder cannot be used.
        public static let unusableSocket = Code("unusableSocket")
        /// Another broker answers on the socket already.
        public static let socketInUse = Code("socketInUse")
        /// A listener could not start.
        public static let cannotListen = Code("cannotListen")
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do.
    public let message: String

    private init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The problem is in the broker's configuration.
    public var category: BoxAuthErrorCategory { .configuration }

    /// The message.
    public var description: String { message }

    package static func invalidListenAddress(_ text: String, reason: String) -> Self {
        Self(
            code: .invalidListenAddress,
            message: "cannot listen on \(MessageText.quoted(text)): \(reason).")
    }

    package static func unusableSocket(_ path: String, _ reason: String, hint: String) -> Self {
        Self(code: .unusableSocket, message: "cannot use the socket \(MessageText.quoted(path)): \(reason). \(hint)")
    }

    package static func socketInUse(_ path: String) -> Self {
        Self(
            code: .socketInUse,
            message: "another broker answers on \(MessageText.quoted(path)). Stop it first, or give this one "
                + "another --socket.")
    }

    package static func cannotListen(_ place: String, detail: String) -> Self {
        Self(code: .cannotListen, message: "cannot listen on \(place): \(detail).")
    }
}
