public import BoxAuth

/// Builds `developer-token` providers: a static token from the Developer Console, for quick tests.
///
/// ```json
/// "dev": { "provider": "developer-token", "token": { "env": "BOX_DEVELOPER_TOKEN" } }
/// ```
public struct DeveloperTokenProviderFactory: AuthProviderFactory {
    /// `developer-token`.
    public static let kind = "developer-token"

    /// Creates the factory.
    public init() {}

    /// `developer-token`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String { "A developer token from the Developer Console (60 minutes, not renewable)." }
    /// `token`, required.
    public var settings: [ProviderSetting] {
        [ProviderSetting("token", .secret, required: true, summary: "The developer token.")]
    }

    /// Reads the token and builds the provider.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        let token = try context.settings.requiredSecret("token")
        guard !token.isEmpty else { throw context.settings.invalid("token", "the developer token is empty.") }
        return DeveloperTokenAuthProvider(token: token)
    }
}
