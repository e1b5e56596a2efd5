public import BoxAuth
import Foundation
import Synchronization

/// An ``HTTPTransport`` that answers from a script and records every request: the one fake network
/// of the tests.
///
/// The script is a list of answers given in order, the last one repeated (`answers:`), or a closure
/// that sees each request and its number (`init(_:)`):
///
/// ```swift
/// let transport = ScriptedTransport(answers: [.failure(refused), .success(.token("T0KEN"))])
/// let endpoint = try TokenEndpoint(transport: transport)
/// _ = try await endpoint.requestToken(form: [("grant_type", "client_credentials")])
/// #expect(transport.requests.count == 2)
///
/// let issuing = ScriptedTransport { _, number in .token("token-\(number)") }   // a new token each time
/// ```
public final class ScriptedTransport: HTTPTransport {
    /// Answers the request, the `number`th sent (from 1).
    public typealias Answer = @Sendable (_ request: TransportRequest, _ number: Int) async throws -> TransportResponse

    private let answer: Answer
    private let sent = Mutex<[TransportRequest]>([])

    /// A transport answering with `answer`.
    public init(_ answer: @escaping Answer) {
        self.answer = answer
    }

    /// A transport answering every request with `response`.
    public convenience init(_ response: TransportResponse) {
        self.init { _, _ in response }
    }

    /// A transport failing every request with `error`.
    public convenience init(failing error: TransportError) {
        self.init { _, _ in throw error }
    }

    /// A transport giving `answers` in order, then repeating the last one.
    public convenience init(answers: [Result<TransportResponse, TransportError>]) {
        self.init { _, number in
            guard let last = answers.last else { throw ScriptEnded() }
            return try (number <= answers.count ? answers[number - 1] : last).get()
        }
    }

    /// Every request sent so far, in order (failed ones included).
    public var requests: [TransportRequest] { sent.withLock { $0 } }

    /// The decoded form of every request sent so far.
    public var forms: [[(String, String)]] { requests.map { FormEncoding.decode($0.body ?? Data()) } }

    /// The body of every request sent so far, as text.
    public var bodies: [String] { requests.map { String(decoding: $0.body ?? Data(), as: UTF8.self) } }

    /// The value of form field `name` in every request sent so far that has it.
    public func sentValues(of name: String) -> [String] {
        forms.compactMap { form in form.first { $0.0 == name }?.1 }
    }

    /// Records the request and answers it from the script.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let number = sent.withLock { sent in
            sent.append(request)
            return sent.count
        }
        return try await answer(request, number)
    }

    /// An empty `answers:` list.
    struct ScriptEnded: Error, CustomStringConvertible {
        var description: String { "ScriptedTransport was given no answers; pass at least one" }
    }
}

extension TransportResponse {
    /// A JSON answer with `status` and `body`.
    public static func json(_ status: Int = 200, _ body: String) -> TransportResponse {
        TransportResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    /// A token endpoint's answer issuing `accessToken`, valid for `expiresIn` seconds.
    public static func token(_ accessToken: String, expiresIn: Int = 3600) -> TransportResponse {
        json(
            200,
            #"{"access_token": "\#(accessToken)", "expires_in": \#(expiresIn), "token_type": "bearer", "restricted_to": []}"#)
    }

    /// A token endpoint's refusal: `status` with Box's `error` and `error_description`.
    public static func refusal(_ status: Int = 400, _ error: String, _ description: String) -> TransportResponse {
        json(status, #"{"error": "\#(error)", "error_description": "\#(description)"}"#)
    }
}
