import BoxAuth
import Testing

/// A transport that answers every request with one canned response.
struct CannedTransport: HTTPTransport {
    let response: TransportResponse

    func send(_ request: TransportRequest) async throws -> TransportResponse { response }
}
