public import Foundation

/// An HTTP response.
public struct TransportResponse: Sendable {
    /// The largest body a transport reads: 1 MiB (1,048,576 bytes).
    ///
    /// Token responses are a few hundred bytes. Past this size a transport stops reading (the
    /// rest is never received into memory) and throws ``TransportError`` with code
    /// ``TransportError/Code/responseTooLarge``, so a server that answers without end cannot
    /// exhaust the process's memory.
    public static let maximumBodySize = 1 << 20

    /// The status code.
    public var status: Int
    /// Header fields with lowercased names.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a response; header names are lowercased.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The value of header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
