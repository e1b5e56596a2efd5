import BoxAuth
import BoxAuthURLSession
import Foundation
import Synchronization

/// An ``HTTPTransport`` that records each request's form fields, then sends it with a real
/// `URLSessionTransport`, so tests can look at what a provider sent (the assertion, the grant).
///
/// It can also stand in for what the emulator does not do: answer with a `Date` header on a
/// server clock that is off, as Box's would be, or with no `Date` header at all.
final class RecordingTransport: HTTPTransport {
    /// What to do with the `Date` header of responses.
    enum ServerDate: Sendable {
        /// Leave it as the server sent it.
        case asSent
        /// Remove it.
        case removed
        /// Replace it with this machine's time plus the offset, in seconds.
        case offset(TimeInterval)
    }

    private let transport = URLSessionTransport()
    private let serverDate: ServerDate
    private let forms = Mutex<[[(String, String)]]>([])

    init(serverDate: ServerDate = .asSent) {
        self.serverDate = serverDate
    }

    /// The form fields of every request sent so far, in order (failed attempts included).
    var sentForms: [[(String, String)]] { forms.withLock { $0 } }

    /// The value of field `name` in every form sent so far.
    func sentValues(of name: String) -> [String] {
        sentForms.compactMap { form in form.first { $0.0 == name }?.1 }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if let body = request.body { forms.withLock { $0.append(FormEncoding.decode(body)) } }
        var response = try await transport.send(request)
        switch serverDate {
        case .asSent: break
        case .removed: response.headers["date"] = nil
        case .offset(let seconds): response.headers["date"] = HTTPDate.format(Date().addingTimeInterval(seconds))
        }
        return response
    }
}
