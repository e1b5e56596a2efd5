import Foundation

extension ResolvedProfile {
    /// The token endpoint this profile's provider talks to.
    public func tokenEndpoint() throws(ConfigurationError) -> TokenEndpoint {
        try TokenEndpoint(
            baseURL: options.baseURL, transport: transport, timeout: options.timeout, retryPolicy: options.retryPolicy,
            proxy: options.proxy)
    }

    /// A token restricted to `scopes` and `target`, exchanged from the profile's current token.
    ///
    /// ```swift
    /// let preview = try await profile.downscope(scopes: ["item_preview"],
    ///                                           target: .resource(URL(string: "https://api.box.com/2.0/files/123")!))
    /// ```
    public func downscope(scopes: [String], target: TokenEndpoint.DownscopeTarget = .any) async throws -> AccessToken {
        try await tokenEndpoint().downscope(try await provider.accessToken(), scopes: scopes, target: target)
    }

    /// Revokes the profile's current token at Box and drops it from the cache.
    /// - Throws: ``ConfigurationError`` when the provider cannot tell its app credentials (a developer
    ///   token), or the endpoint's errors.
    public func revokeToken() async throws {
        guard let credentials = (provider as? any AppCredentialsProviding)?.appCredentials else {
            throw ConfigurationError(
                code: .invalidValue, message: "the '\(kind)' provider has no client ID and secret to revoke with.",
                hint: "Revoke developer tokens in the Developer Console.")
        }
        let token = try await provider.accessToken()
        try await tokenEndpoint().revoke(token, credentials: credentials)
        await provider.invalidate(token)
    }
}
