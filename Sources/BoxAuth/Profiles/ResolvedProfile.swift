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

    /// Creates a resolved profile.
    public init(
        name: String, kind: String, provider: any AuthProvider, options: ProfileOptions,
        transport: any HTTPTransport
    ) {
        self.name = name
        self.kind = kind
        self.provider = provider
        self.options = options
        self.transport = transport
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
