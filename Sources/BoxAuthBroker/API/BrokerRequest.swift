package import Foundation

/// One request to the broker, as the HTTP layer hands it over: independent of Hummingbird, so the
/// API can be tested and measured in-process.
package struct BrokerRequest: Sendable {
    /// Where a request came in.
    package enum Listener: String, Sendable {
        /// The Unix socket: the caller is identified by its peer credentials.
        case socket
        /// Loopback TCP: the caller is identified by its bearer secret.
        case tcp
    }

    /// The HTTP method, upper case.
    package var method: String
    /// The path, without the query.
    package var path: String
    /// The header fields, names lower-cased, in order.
    package var headers: [(name: String, value: String)]
    /// The body (at most the broker's body limit).
    package var body: Data
    /// Where it came in.
    package var listener: Listener
    /// The caller's user and group on the Unix socket (nil on TCP or when the system would not say).
    package var peer: PeerCredentials?

    package init(
        method: String, path: String, headers: [(name: String, value: String)] = [], body: Data = Data(),
        listener: Listener, peer: PeerCredentials? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        self.body = body
        self.listener = listener
        self.peer = peer
    }

    /// Every value of the header `name` (lower case).
    package func values(of name: String) -> [String] {
        headers.filter { $0.name == name }.map(\.value)
    }

    /// The first value of the header `name` (lower case).
    package func value(of name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}
