import Logging

/// `"cache": "file"`: access tokens in a ``FileTokenStore`` shared by the processes of this machine.
public struct FileStoreFactory: TokenStoreFactory {
    /// Creates the factory.
    public init() {}
    /// `file`.
    public var kind: String { "file" }
    /// One line for `box-auth providers`.
    public var summary: String { "In a file shared by every process on this machine ($XDG_CACHE_HOME/box-auth)." }
    /// None.
    public var settings: [ProviderSetting] { [] }
    /// No.
    public var sharesAcrossMachines: Bool { false }
    /// File stores in the cache and state folders.
    public func makeStores(settings: ProfileSettings, options: ProfileOptions, logger: Logger) -> any ProfileTokenStores
    {
        LocalTokenStores(settings: settings, options: options, sharesTokens: true)
    }
}
