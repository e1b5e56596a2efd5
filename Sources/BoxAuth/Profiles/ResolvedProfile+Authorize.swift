extension ResolvedProfile {
    /// The headers an API call with this profile needs: `Authorization`, and `As-User` when set.
    ///
    /// For a `URLRequest`, `authorize(_:)` in `BoxAuthURLSession` (re-exported by `BoxAuthProviders`)
    /// sets them and returns the token too.
    /// - Throws: What the profile's provider throws getting a token (``BoxAuthError``).
    public func authorizationHeaders() async throws -> [(name: String, value: String)] {
        let token = try await provider.accessToken()
        return Self.authorizationHeaders(token: token, asUser: options.asUser)
    }

    /// `Authorization: Bearer <token>`, and `As-User` when `asUser` is set; shared by the transports'
    /// request conveniences.
    package static func authorizationHeaders(token: AccessToken, asUser: String?) -> [(name: String, value: String)] {
        var headers = [(name: "Authorization", value: "Bearer \(token.value)")]
        if let asUser { headers.append((name: "As-User", value: asUser)) }
        return headers
    }
}
