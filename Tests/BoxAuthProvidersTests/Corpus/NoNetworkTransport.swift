import BoxAuthTestSupport
import BoxAuth
import Testing

/// A transport for code that must not send anything: every request is a test failure.
struct NoNetworkTransport: HTTPTransport {
    func send(_ request: TransportRequest) async throws -> TransportResponse {
        Issue.record("unexpected request to \(request.url)")
        throw CorpusError(message: "no network in corpus tests")
    }
}
