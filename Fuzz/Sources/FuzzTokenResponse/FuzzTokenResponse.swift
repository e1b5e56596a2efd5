import BoxAuth
import Foundation
import FuzzDriver

/// The process entry point (see ``LibFuzzerDriver``).
@_cdecl("FuzzTokenResponse_main")
public func fuzzTokenResponseMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzerDriver.run(argc, argv, fuzzTokenResponse)
}

/// libFuzzer entry point: one input is a token endpoint answer. Byte 0 picks the HTTP status, byte 1
/// the Content-Type, and the rest is the body.
///
/// Every answer must end in an ``AccessToken`` or a ``TokenEndpointError`` of the status's kind.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenResponse(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let status = TokenAnswer.statuses[Int(bytes.first ?? 0) % TokenAnswer.statuses.count]
    let contentType = TokenAnswer.contentTypes[Int(bytes.dropFirst().first ?? 0) % TokenAnswer.contentTypes.count]
    var headers = ["Date": "Tue, 01 Dec 2026 10:00:00 GMT", "Retry-After": "1", "Location": "https://example.com/"]
    if let contentType { headers["Content-Type"] = contentType }
    let response = TransportResponse(status: status, headers: headers, body: Data(bytes.dropFirst(2)))
    TokenAnswer.check(response)
    return 0
}

/// Sends one request through a ``TokenEndpoint`` whose transport returns a canned answer.
enum TokenAnswer {
    static let statuses = [200, 201, 204, 299, 301, 302, 307, 400, 401, 403, 404, 429, 500, 502, 503, 100, 0, 600, -1]
    static let contentTypes: [String?] = [
        "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/html", "text/plain", "", nil,
    ]

    /// Returns `response` to every request.
    struct CannedTransport: HTTPTransport {
        let response: TransportResponse
        func send(_ request: TransportRequest) async throws -> TransportResponse { response }
    }

    /// Runs the request to completion and checks the outcome. The canned transport never suspends,
    /// so the immediate task usually finishes on this thread before `wait()` is reached.
    static func check(_ response: TransportResponse) {
        let done = DispatchSemaphore(value: 0)
        Task.immediate {
            defer { done.signal() }
            do {
                let endpoint = try TokenEndpoint(transport: CannedTransport(response: response))
                let token = try await endpoint.requestToken(form: [("grant_type", "client_credentials")])
                guard (200..<300).contains(response.status), !token.value.isEmpty, token.expiresAt > token.receivedAt else {
                    fatalError("accepted a token from HTTP \(response.status): \(token)")
                }
                _ = token.description
            } catch let error as TokenEndpointError {
                guard error.status == response.status, !error.description.isEmpty else { fatalError("wrong error: \(error)") }
                // Box's error and error_description are quoted with control characters escaped:
                // every error is one plain paragraph.
                let plain = !error.description.unicodeScalars.contains { $0.properties.generalCategory == .control }
                guard plain else { fatalError("not one plain paragraph: \(error)") }
            } catch {
                fatalError("unexpected error type \(type(of: error)): \(error)")
            }
        }
        done.wait()
    }
}

