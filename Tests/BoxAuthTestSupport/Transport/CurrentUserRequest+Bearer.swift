public import BoxAuth
import Foundation

extension CurrentUserRequest {
    /// Box's answer for a bearer token given as text (none when nil), as it came: for tests that
    /// send tokens read from a token response, or none at all.
    public func response(bearer token: String?, asUser: String? = nil) async throws -> TransportResponse {
        try await response(token: token.map { AccessToken(value: $0, expiresAt: .distantFuture) }, asUser: asUser)
    }
}
