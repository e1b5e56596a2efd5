package import Logging

/// `"cache": "file"`: access tokens in a `FileTokenStore` shared by the processes of this machine.
package struct FileStoreFactory: TokenStoreFactory {
    /// Creates the factory.
    package init() {}
    /// `file`.
    package var kind: String { "file" }
    /// One line for `box-auth providers`.
    package var summary: String { "In a file shared by every process on this machine ($XDG_CACHE_HOME/box-auth)." }
    /// None.
    package var settings: [ProviderSetting] { [] }
    /// No.
    package var sharesAcrossMachines: Bool { false }
    /// File stores in the cache and state folders.
    package func makeStores(settings: ProfileSettings, options: ProfileOptions, logger: Logger) -> any ProfileTokenStores
    {
        LocalTokenStores(settings: settings, options: options, sharesTokens: true)
    }
}
