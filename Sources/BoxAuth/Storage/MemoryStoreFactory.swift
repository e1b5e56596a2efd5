import Logging

/// `"cache": "memory"`: access tokens stay in the process (the default); OAuth 2.0 token pairs,
/// which must outlive it, go to a ``FileTokenPairStore``.
public struct MemoryStoreFactory: TokenStoreFactory {
    /// Creates the factory.
    public init() {}
    /// `memory`.
    public var kind: String { "memory" }
    /// One line for `box-auth providers`.
    public var summary: String { "In this process only (OAuth 2.0 sign-ins in the state folder)." }
    /// None.
    public var settings: [ProviderSetting] { [] }
    /// No.
    public var sharesAcrossMachines: Bool { false }
    /// Memory-only stores.
    public func makeStores(settings: ProfileSettings, options: ProfileOptions, logger: Logger) -> any ProfileTokenStores
    {
        LocalTokenStores(settings: settings, options: options, sharesTokens: false)
    }
}
