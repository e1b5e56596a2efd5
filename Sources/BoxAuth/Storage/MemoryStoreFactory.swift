package import Logging

/// `"cache": "memory"`: access tokens stay in the process (the default); OAuth 2.0 token pairs,
/// which must outlive it, go to a `FileTokenPairStore`.
package struct MemoryStoreFactory: TokenStoreFactory {
    /// Creates the factory.
    package init() {}
    /// `memory`.
    package var kind: String { "memory" }
    /// One line for `box-auth providers`.
    package var summary: String { "In this process only (OAuth 2.0 sign-ins in the state folder)." }
    /// None.
    package var settings: [ProviderSetting] { [] }
    /// No.
    package var sharesAcrossMachines: Bool { false }
    /// Memory-only stores.
    package func makeStores(settings: ProfileSettings, options: ProfileOptions, logger: Logger) -> any ProfileTokenStores
    {
        LocalTokenStores(settings: settings, options: options, sharesTokens: false)
    }
}
