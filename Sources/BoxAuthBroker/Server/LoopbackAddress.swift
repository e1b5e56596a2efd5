import BoxAuth

/// A loopback address and port for the broker's TCP listener: `127.0.0.1:PORT` (any 127.x.y.z),
/// `[::1]:PORT` or `localhost:PORT`. Any other address is refused: the broker never listens where
/// another machine could reach it.
package struct LoopbackAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host to bind, `127.0.0.1`-style or `::1`.
    package let host: String
    /// The port; 0 lets the system pick one.
    package let port: Int

    /// Reads `text`.
    /// - Throws: ``TokenBrokerError`` when it is not a loopback address with a port.
    package init(_ text: String) throws(TokenBrokerError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else {
            throw .invalidListenAddress(text, reason: "it has no port (write 127.0.0.1:PORT)")
        }
        let host = String(text[..<colon])
        switch host {
        case "localhost": self.host = "127.0.0.1"
        case "[::1]": self.host = "::1"
        default:
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets[0] == "127",
                octets.allSatisfy({ $0.count <= 3 && (UInt8($0).map { _ in true } ?? false) })
            else {
                throw .invalidListenAddress(
                    text, reason: "\(MessageText.quoted(host)) is not a loopback address; the broker listens on "
                        + "127.0.0.1, [::1] or localhost only, so no other machine can ask it")
            }
            self.host = host
        }
        self.port = port
    }

    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
