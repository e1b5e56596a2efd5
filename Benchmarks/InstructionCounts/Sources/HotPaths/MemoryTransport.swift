import BoxAuth
import Foundation

/// Answers every request with the same token response, from memory: a refresh without a network.
struct MemoryTransport: HTTPTransport {
    let body = Data(
        #"{"access_token":"T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl","expires_in":4169,"restricted_to":[],"token_type":"bearer"}"#
            .utf8)

    func send(_ request: Request) async throws -> Response {
        Response(status: 200, headers: ["content-type": "application/json"], body: body)
    }
}
