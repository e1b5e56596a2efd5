import Foundation

/// An HTTP proxy that requests go through: its host and port, and the credentials it asks for.
///
/// Only `http://` proxies are supported (an `https://` target is reached through the proxy with
/// `CONNECT`, so TLS still runs end to end). The ``description`` is `http://host:port`: never the
/// credentials, so a proxy can be named in logs and errors.
public struct ProxyServer: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The proxy's host name or IP address (an IPv6 address without brackets).
    public let host: String
    /// The proxy's port.
    public let port: Int
    /// The user name for the proxy's `Basic` authentication, if it needs one.
    public let username: Secret?
    /// The password for the proxy's `Basic` authentication.
    public let password: Secret?

    /// A proxy at `host` and `port`, with optional `Basic` credentials.
    public init(host: String, port: Int, username: Secret? = nil, password: Secret? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Parses a proxy URL: `http://host:port`, `http://user:password@host:port` (user and password
    /// percent-encoded) or `host:port` (taken as `http`). The port defaults to 80.
    /// - Returns: nil for anything else (another scheme, no host, a path, a port out of range); the
    ///   caller reports it without repeating the text, which may hold a password.
    public init?(url text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme),
            components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty,
            components.path.isEmpty || components.path == "/",
            components.query == nil, components.fragment == nil
        else { return nil }
        let port = components.port ?? 80
        guard (1...65535).contains(port) else { return nil }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.init(
            host: bareHost, port: port,
            username: components.percentEncodedUser.map { Secret($0.removingPercentEncoding ?? $0) },
            password: components.percentEncodedPassword.map { Secret($0.removingPercentEncoding ?? $0) })
    }

    /// `http://host:port`, without credentials.
    public var description: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// The same as ``description``: the credentials never appear.
    public var debugDescription: String { description }

    /// Only host and port, so that `dump` shows no credentials.
    public var customMirror: Mirror {
        Mirror(self, children: ["host": host, "port": port], displayStyle: .struct)
    }

    /// Whether the proxy has credentials to send.
    public var hasCredentials: Bool { username != nil }

    /// `Basic base64(user:password)` for `Proxy-Authorization`, or nil without credentials.
    public var basicAuthorization: Secret? {
        guard let username else { return nil }
        let pair = username.exposedValue + ":" + (password?.exposedValue ?? "")
        return Secret("Basic " + Data(pair.utf8).base64EncodedString())
    }
}
