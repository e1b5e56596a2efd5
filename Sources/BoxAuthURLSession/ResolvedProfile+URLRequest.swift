public import BoxAuth
import Foundation

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

extension ResolvedProfile {
    /// `request` with `Authorization: Bearer <token>` (and `As-User` when the profile sets `asUser`).
    ///
    /// ```swift
    /// let request = try await profile.authorize(URLRequest(url: URL(string: "https://api.box.com/2.0/users/me")!))
    /// let (data, response) = try await URLSession.shared.data(for: request)
    /// ```
    /// - Returns: The authorized request and the token used (pass it to
    ///   ``AuthProvider/invalidate(_:)`` if the API answers 401).
    /// - Throws: What the profile's provider throws getting a token (``BoxAuthError``).
    public func authorize(_ request: URLRequest) async throws -> (request: URLRequest, token: AccessToken) {
        let token = try await provider.accessToken()
        var request = request
        for header in Self.authorizationHeaders(token: token, asUser: options.asUser) {
            request.setValue(header.value, forHTTPHeaderField: header.name)
        }
        return (request, token)
    }
}
