public import BoxAuth
public import Foundation
import Synchronization

/// An ``HTTPTransport`` that records each request's form fields, then sends it through another
/// transport, so tests can look at what a provider sent (the assertion, the grant).
///
/// It can also stand in for what the emulator does not do: answer with a `Date` header on a
/// server clock that is off, as Box's would be, or with no `Date` header at all.
public final class RecordingTransport: HTTPTransport {
    /// What to do with the `Date` header of responses.
    public enum ServerDate: Sendable {
        /// Leave it as the server sent it.
        case asSent
        /// Remove it.
        case removed
        /// Replace it with this machine's time plus the offset, in seconds.
        case offset(TimeInterval)
    }

    private let base: any HTTPTransport
    private let serverDate: ServerDate
    private let forms = Mutex<[[(String, String)]]>([])

    /// A transport recording what goes through `base`.
    public init(_ base: any HTTPTransport, serverDate: ServerDate = .asSent) {
        self.base = base
        self.serverDate = serverDate
    }

    /// The form fields of every request sent so far, in order (failed attempts included).
    public var sentForms: [[(String, String)]] { forms.withLock { $0 } }

    /// The value of field `name` in every form sent so far.
    public func sentValues(of name: String) -> [String] {
        sentForms.compactMap { form in form.first { $0.0 == name }?.1 }
    }

    /// Records the form, sends the request through the base transport and adjusts `Date`.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        if let body = request.body { forms.withLock { $0.append(FormEncoding.decode(body)) } }
        var response = try await base.send(request)
        switch serverDate {
        case .asSent: break
        case .removed: response.headers["date"] = nil
        case .offset(let seconds): response.headers["date"] = HTTPDate.format(Date().addingTimeInterval(seconds))
        }
        return response
    }
}
