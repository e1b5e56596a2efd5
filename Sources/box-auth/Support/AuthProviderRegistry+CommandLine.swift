import BoxAuthPostgres
import BoxAuthProviders

extension AuthProviderRegistry {
    /// The registry every command resolves profiles with: the standard one and the PostgreSQL
    /// store (`"cache": "postgres"`), which the library leaves for apps to add.
    static var commandLine: AuthProviderRegistry {
        var registry = AuthProviderRegistry.standard
        do {
            try registry.register(store: PostgresStoreFactory())
        } catch {
            preconditionFailure("the standard registry has no postgres store of its own: \(error)")
        }
        return registry
    }
}
