import BoxAuthKeyring
import BoxAuthPostgres
import BoxAuthProviders

extension AuthProviderRegistry {
    /// The registry every command resolves profiles with: the standard one, the PostgreSQL store
    /// (`"cache": "postgres"`) and the OS keyring (`"cache": "keyring"`), which the library leaves
    /// for apps to add.
    static var commandLine: AuthProviderRegistry {
        var registry = AuthProviderRegistry.standard
        do {
            try registry.register(store: PostgresStoreFactory())
            try registry.register(store: KeyringStoreFactory())
        } catch {
            preconditionFailure("the standard registry has no postgres or keyring store of its own: \(error)")
        }
        return registry
    }
}
