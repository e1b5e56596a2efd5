/// A proxy could not be reached, or it refused to forward a request: the network path, not Box,
/// failed. The message names the proxy as `http://host:port`, never with its credentials.
public struct ProxyError: BoxAuthError, Hashable {
    /// Identifies what the proxy did.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// No connection to the proxy could be made (nothing listens, the host is unknown).
        public static let unreachable = Code("unreachable")
        /// The proxy answered but would not forward the request (`407`, or `CONNECT` refused).
        public static let refused = Code("refused")
    }

    /// What happened.
    public let code: Code
    /// The proxy, as `http://host:port`.
    public let proxy: String
    /// The URL that was requested through it.
    public let url: String
    /// What the HTTP client or the proxy reported (never the credentials).
    public let detail: String

    /// Creates a proxy error.
    public init(code: Code, proxy: ProxyServer, url: String, detail: String) {
        self.code = code
        self.proxy = proxy.description
        self.url = url
        self.detail = detail
    }

    /// Always ``BoxAuthErrorCategory/unavailable``.
    public var category: BoxAuthErrorCategory { .unavailable }

    /// One paragraph with what to do.
    public var description: String {
        let advice =
            "Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or the profile's 'proxy' setting and its credentials)."
        switch code {
        case .refused:
            return "\(url): the proxy \(proxy) refused the request (\(detail)). \(advice)"
        default:
            return "\(url): cannot reach the proxy \(proxy) (\(detail)). \(advice)"
        }
    }
}
