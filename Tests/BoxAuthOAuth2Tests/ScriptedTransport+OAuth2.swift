import BoxAuth
import BoxAuthOAuth2
import BoxAuthTestKit
import Foundation

/// The OAuth 2.0 tests' token endpoint: the kit's scripted transport, answering from the form each
/// request posts (no network).
typealias ScriptedTokenEndpoint = ScriptedTransport

extension ScriptedTransport {
    /// A token endpoint answering each request from its form fields.
    convenience init(_ answer: @escaping @Sendable ([String: String]) async -> TransportResponse) {
        self.init { request, _ in
            var form: [String: String] = [:]
            for (name, value) in FormEncoding.decode(request.body ?? Data()) { form[name] = value }
            return await answer(form)
        }
    }

    /// The forms received, in order.
    var received: [[String: String]] {
        forms.map { fields in fields.reduce(into: [String: String]()) { $0[$1.0] = $1.1 } }
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
