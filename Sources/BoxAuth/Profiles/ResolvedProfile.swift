/// A profile made ready: its provider, built and checked, and its common options.
///
/// It is itself an ``AuthProvider`` (handing out its provider's tokens), and
/// ``authorizationHeaders()`` gives both `Authorization` and the profile's `As-User` for a request
/// (`authorize(_:)` in `BoxAuthURLSession` sets them on a `URLRequest`).
///
/// ```swift
/// let box = try AuthProviderRegistry.standard.profile("service")
/// let token = try await box.accessToken()
/// ```
public struct ResolvedProfile: AuthProvider {
    /// The profile's name.
    public let name: String
    /// The provider kind.
    public let kind: String
    /// The provider that hands out its tokens.
    public let provider: any AuthProvider
    /// Its common options (`baseURL`, `asUser`, ...).
    public let options: ProfileOptions
    /// The transport its requests go through.
    public let transport: any HTTPTransport
    /// Files of the profile that other users can read (the profiles file, key and secret files),
    /// each with the `chmod` that fixes it. The library does not log them unless the registry's
    /// ``AuthProviderRegistry/logsWarnings`` asks it to: show them as the app shows its warnings.
    public let warnings: [PermissionWarning]

    /// Creates a resolved profile.
    package init(
        name: String, kind: String, provider: any AuthProvider, options: ProfileOptions,
        transport: any HTTPTransport, warnings: [PermissionWarning] = []
    ) {
        self.name = name
        self.kind = kind
        self.provider = provider
        self.options = options
        self.transport = transport
        self.warnings = warnings
    }
}

extension ResolvedProfile {
    /// Whom the profile's tokens act for, when the provider knows it.
    public var subject: BoxSubject? { provider.subject }
    /// A token from the profile's provider (cached; refreshed before it expires).
    public func accessToken() async throws -> AccessToken { try await provider.accessToken() }
    /// Forgets `token` (call after the API refused it with 401) so the next call fetches anew.
    public func invalidate(_ token: AccessToken) async { await provider.invalidate(token) }
}

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
