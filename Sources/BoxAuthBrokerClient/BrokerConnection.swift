package import BoxAuth
package import Foundation

/// How requests reach the token broker: its Unix socket (the caller is known by its user ID), or
/// its loopback TCP listener with the bearer secret of a client in its policy.
///
/// Every request carries `Box-Auth-Broker: 1` and `Host: localhost`, as the broker requires, and
/// the profile name is percent-encoded into the path (`/v1/profiles/{profile}/token`).
package struct BrokerConnection: Sendable {
    /// Where the broker listens.
    package enum Route: Sendable {
        /// Its Unix socket, at this path.
        case unixSocket(path: String)
        /// Its TCP listener on a loopback address (`http://127.0.0.1:8765`), with the secret sent as
        /// `Authorization: Bearer`.
        case loopback(URL, secret: Secret)
    }

    /// Where the broker listens.
    package let route: Route
    /// The transport requests go through (`UnixSocketTransport` for a socket).
    package let transport: any HTTPTransport
    /// Seconds to wait for each answer.
    package let timeout: TimeInterval

    /// A connection to the broker's socket at `path`.
    package init(socketPath path: String, timeout: TimeInterval) {
        self.init(route: .unixSocket(path: path), transport: UnixSocketTransport(socketPath: path), timeout: timeout)
    }

    /// A connection through `route` with `transport`.
    package init(route: Route, transport: any HTTPTransport, timeout: TimeInterval) {
        self.route = route
        self.transport = transport
        self.timeout = timeout
    }

    /// The broker as messages name it: `the socket '/run/...'` or `http://127.0.0.1:8765`.
    package var brokerDescription: String {
        switch route {
        case .unixSocket(let path): "the socket \(MessageText.quoted(path))"
        case .loopback(let url, _): MessageText.escaped(url.absoluteString)
        }
    }

    /// The profile setting that says where the broker is: `socket` or `url`.
    package var settingName: String {
        switch route {
        case .unixSocket: "socket"
        case .loopback: "url"
        }
    }

    /// Sends `method` to `/v1/profiles/{profile}/{action}` with `body` (JSON).
    /// - Throws: ``BrokerClientError`` when no answer came (the transport's error inside).
    package func send(
        _ method: String, profile: String, action: String, body: Data? = nil
    ) async throws -> TransportResponse {
        var headers: [(name: String, value: String)] = [
            ("Box-Auth-Broker", "1"), ("Host", "localhost"), ("Accept", "application/json"),
        ]
        if case .loopback(_, let secret) = route { headers.append(("Authorization", "Bearer \(secret.exposedValue)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = TransportRequest(
            method: method, url: url(profile: profile, action: action), headers: headers, body: body, timeout: timeout)
        do {
            return try await transport.send(request)
        } catch let error as TransportError {
            throw BrokerClientError.unreachable(
                error, broker: brokerDescription, profile: profile, setting: settingName)
        }
    }

    /// `{base}/v1/profiles/{profile}/{action}`, the profile name percent-encoded (only unreserved
    /// characters are left as they are, and a name of `.` or `..` is encoded whole, so whatever the
    /// name it stays one path segment).
    package func url(profile: String, action: String) -> URL {
        let base: String
        switch route {
        case .unixSocket: base = "http://localhost"
        case .loopback(let url, _):
            var components = URLComponents()
            components.scheme = url.scheme
            components.host = url.host
            components.port = url.port
            base = components.string ?? "http://localhost"
        }
        var segment = profile.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? ""
        // `.` and `..` would be dot segments, which HTTP clients remove: encode them too.
        if profile == "." || profile == ".." { segment = segment.replacingOccurrences(of: ".", with: "%2E") }
        // A base of scheme, host and port and a percent-encoded segment always make a URL.
        return URL(string: "\(base)/v1/profiles/\(segment)/\(action)") ?? URL(fileURLWithPath: "/")
    }

    /// RFC 3986's unreserved characters.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
