/// A profile made ready: its provider, built and checked, and its common options.
public struct ResolvedProfile: Sendable {
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
        transport: any HTTPTransport = SharedTransport.default
    ) {
        self.name = name
        self.kind = kind
        self.provider = provider
        self.options = options
        self.transport = transport
    }
}
