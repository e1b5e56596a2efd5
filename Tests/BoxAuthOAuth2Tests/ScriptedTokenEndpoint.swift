import BoxAuth
import BoxAuthOAuth2
import Foundation
import Synchronization

/// A token endpoint answering from a script, recording every form it gets (no network).
final class ScriptedTokenEndpoint: HTTPTransport {
    typealias Answer = @Sendable ([String: String]) async -> TransportResponse
    private let answer: Answer
    private let forms = Mutex<[[String: String]]>([])

    init(_ answer: @escaping Answer) { self.answer = answer }

    /// The forms received, in order.
    var received: [[String: String]] { forms.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var form: [String: String] = [:]
        for (name, value) in FormEncoding.decode(request.body ?? Data()) { form[name] = value }
        forms.withLock { $0.append(form) }
        return await answer(form)
    }

    static func pair(access: String, refresh: String, expiresIn: Int = 3600) -> TransportResponse {
        json(
            200,
            #"{"access_token":"\#(access)","expires_in":\#(expiresIn),"refresh_token":"\#(refresh)","token_type":"bearer","restricted_to":[]}"#
        )
    }

    static func refusal(_ error: String, _ description: String) -> TransportResponse {
        json(400, #"{"error":"\#(error)","error_description":"\#(description)"}"#)
    }

    static func json(_ status: Int, _ body: String) -> TransportResponse {
        TransportResponse(status: status, headers: ["content-type": "application/json"], body: Data(body.utf8))
    }

    func client() throws -> OAuth2Client {
        OAuth2Client(
            appCredentials: AppCredentials(clientID: "client-1", clientSecret: Secret("app-secret")),
            endpoint: try TokenEndpoint(
                baseURL: URL(string: "http://127.0.0.1:9")!, transport: self, retryPolicy: .none))
    }
}
