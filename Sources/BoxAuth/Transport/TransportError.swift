/// The request got no usable HTTP response: the network or the server is unavailable, or the
/// response was too large to read.
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
        /// The response's body is larger than ``TransportResponse/maximumBodySize``; reading
        /// stopped there.
        public static let responseTooLarge = Code("responseTooLarge")
    }

    /// The kind of failure.
    public let code: Code
    /// The URL that was requested.
    public let url: String
    /// What the HTTP client reported.
    public let detail: String

    /// The error for a body larger than ``TransportResponse/maximumBodySize`` from `url`.
    public static func responseTooLarge(url: String) -> TransportError {
        TransportError(
            code: .responseTooLarge, url: url, detail: "more than \(TransportResponse.maximumBodySize) bytes")
    }

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
        case .responseTooLarge:
            "\(url): the response is larger than \(TransportResponse.maximumBodySize / 1024 / 1024) MiB (\(detail)), so it was not read."
            + " Check that the profile's 'baseURL' points at Box."
        default:
            "\(url): cannot reach the server (\(detail)). Check the network and the profile's 'baseURL'."
        }
    }
}
