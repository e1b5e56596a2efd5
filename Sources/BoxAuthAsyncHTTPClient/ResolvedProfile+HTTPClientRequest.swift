public import AsyncHTTPClient
public import BoxAuth
import NIOHTTP1

extension ResolvedProfile {
    /// `request` with `Authorization: Bearer <token>` (and `As-User` when the profile sets `asUser`),
    /// replacing any such headers already set.
    ///
    /// ```swift
    /// var request = HTTPClientRequest(url: "https://api.box.com/2.0/users/me")
    /// let (authorized, token) = try await profile.authorize(request)
    /// let response = try await client.execute(authorized, timeout: .seconds(30))
    /// if response.status == .unauthorized { await profile.invalidate(token) }  // then retry once
    /// ```
    /// - Returns: The authorized request and the token used (pass it to
    ///   ``AuthProvider/invalidate(_:)`` if the API answers 401).
    /// - Throws: What the profile's provider throws getting a token (``BoxAuthError``).
    public func authorize(_ request: HTTPClientRequest) async throws -> (request: HTTPClientRequest, token: AccessToken)
    {
        let token = try await provider.accessToken()
        var request = request
        for header in Self.authorizationHeaders(token: token, asUser: options.asUser) {
            request.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        return (request, token)
    }
}
