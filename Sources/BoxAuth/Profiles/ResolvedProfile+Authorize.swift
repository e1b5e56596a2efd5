import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
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
    public func authorize(_ request: URLRequest) async throws -> (request: URLRequest, token: AccessToken) {
        let token = try await provider.accessToken()
        var request = request
        request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization")
        if let asUser = options.asUser { request.setValue(asUser, forHTTPHeaderField: "As-User") }
        return (request, token)
    }

    /// The headers an API call with this profile needs: `Authorization`, and `As-User` when set.
    public func authorizationHeaders() async throws -> [(name: String, value: String)] {
        let token = try await provider.accessToken()
        var headers = [(name: "Authorization", value: "Bearer \(token.value)")]
        if let asUser = options.asUser { headers.append((name: "As-User", value: asUser)) }
        return headers
    }
}
