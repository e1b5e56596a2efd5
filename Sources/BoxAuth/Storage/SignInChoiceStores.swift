import Logging

/// The stores of a profile that sets no `"cache"`: its default stores, except that its OAuth 2.0
/// token pair goes where its last `box-auth login --store` put it (``SignInStoreChoice``).
///
/// The choice is read only when a provider asks for its pair store, so resolving a profile that
/// signs nobody in costs nothing more. A choice file that is refused (another user's, or one others
/// may write) or names a store that cannot be made gives a pair store that fails with that error,
/// never a silent fallback to the file.
struct SignInChoiceStores: ProfileTokenStores {
    /// The profile's own stores (`memory`'s or `file`'s).
    let base: any ProfileTokenStores
    /// The profile's name.
    let profile: String
    let settings: ProfileSettings
    let options: ProfileOptions
    let logger: Logger
    /// The registry's store kinds.
    let factories: [String: any TokenStoreFactory]

    func tokenStore(key: [String], appSecret: Secret?) -> (any TokenStore)? {
        base.tokenStore(key: key, appSecret: appSecret)
    }

    func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore {
        let choice = SignInStoreChoice(profile: profile, baseURL: options.baseURL, environment: settings.environment)
        do {
            guard let kind = try choice.load(), let factory = factories[kind] else {
                return base.tokenPairStore(key: key, appSecret: appSecret)
            }
            return try factory.makeStores(settings: settings, options: options, logger: logger)
                .tokenPairStore(key: key, appSecret: appSecret)
        } catch {
            return RefusedTokenPairStore(error: error)
        }
    }
}

/// A token pair store that could not be made: every call throws why.
struct RefusedTokenPairStore: TokenPairStore {
    let error: any Error

    func load() async throws -> TokenPair? { throw error }

    func update<Result: Sendable>(
        _ body: (TokenPair?) async throws -> TokenPairUpdate<Result>
    ) async throws -> Result {
        throw error
    }
}
