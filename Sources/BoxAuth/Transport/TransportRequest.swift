public import Foundation

/// An HTTP request as swift-box-auth sends it.
public struct TransportRequest: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The full URL.
    public var url: URL
    /// Header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The body, if any.
    public var body: Data?
    /// Give up when no response has arrived after this many seconds.
    public var timeout: TimeInterval
    /// Which proxy the request goes through (``ProxyConfiguration/proxy(for:)`` of ``url``);
    /// direct by default. A transport never consults the process's environment instead.
    public var proxy: ProxyConfiguration

    /// Creates a request.
    public init(
        method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil,
        timeout: TimeInterval = 30, proxy: ProxyConfiguration = .direct
    ) {
        self.proxy = proxy
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
