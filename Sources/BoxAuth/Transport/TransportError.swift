/// The request got no usable HTTP response: the network or the server is unavailable.
public struct TransportError: BoxAuthError, Hashable {
    /// Identifies the kind of transport failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// No connection could be made, or it broke before a response.
        public static let connectionFailed = Code("connectionFailed")
        /// No response within the timeout.
        public static let timedOut = Code("timedOut")
    }

    /// The kind of failure.
    public let code: Code
    /// The URL that was requested.
    public let url: String
    /// What the HTTP client reported.
    public let detail: String

    /// Creates a transport error.
    public init(code: Code, url: String, detail: String) {
        self.code = code
        self.url = url
        self.detail = detail
    }

    /// Always ``BoxAuthErrorCategory/unavailable``.
    public var category: BoxAuthErrorCategory { .unavailable }

    /// One paragraph with what to do.
    public var description: String {
        switch code {
        case .timedOut:
            "\(url): no response in time (\(detail)). Check the network, or raise the profile's 'timeout'."
        default:
            "\(url): cannot reach the server (\(detail)). Check the network and the profile's 'baseURL'."
        }
    }
}
