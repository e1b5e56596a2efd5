import Logging

extension AuthProviderRegistry {
    /// Adds a token store kind (a `"cache"` value).
    /// - Throws: ``ConfigurationError`` (``ConfigurationError/Code/duplicateProvider``) if the kind
    ///   is already registered.
    public mutating func register(store factory: any TokenStoreFactory) throws(ConfigurationError) {
        guard storeFactories[factory.kind] == nil else {
            throw ConfigurationError(
                code: .duplicateProvider, message: "token store kind '\(factory.kind)' is registered twice.",
                hint: "Give the custom store a kind of its own.")
        }
        storeFactories[factory.kind] = factory
    }

    /// The registered store kinds (`memory`, `file`, and those added), sorted.
    public var storeKinds: [String] { storeFactories.keys.sorted() }

    /// The store factory for `kind`, if registered.
    public func storeFactory(for kind: String) -> (any TokenStoreFactory)? { storeFactories[kind] }

    /// Throws when the profile's `"cache"` names a store kind this registry lacks but knows of
    /// (``unregisteredStoreHints``: `postgres` in the standard registry), saying which product
    /// brings it and how to register it. Other unknown kinds are left to the `oneOf` check.
    func checkStoreKind(of settings: ProfileSettings) throws(ConfigurationError) {
        guard case .string(let kind)? = settings.members["cache"], storeFactories[kind] == nil,
            let hint = unregisteredStoreHints[kind]
        else { return }
        let known = storeKinds.map { "'\($0)'" }.joined(separator: ", ")
        throw settings.invalid(
            "cache", "no token store of kind '\(MessageText.escaped(kind))' is registered (registered: \(known)).",
            hint: hint)
    }

    /// The stores of a profile: those of ``storeKindOverride`` when set, else of its `"cache"`
    /// (`memory` by default); when it sets no `"cache"` and ``followsSignInStoreChoice``, its token
    /// pair goes where its last `box-auth login --store` put it (``SignInChoiceStores``).
    func stores(
        profile: String, settings: ProfileSettings, options: ProfileOptions, logger: Logger
    ) throws -> (factory: any TokenStoreFactory, stores: any ProfileTokenStores) {
        if let override = storeKindOverride {
            guard let factory = storeFactories[override] else {
                throw settings.invalid("cache", "no token store of kind '\(MessageText.escaped(override))' is registered.")
            }
            return (factory, try factory.makeStores(settings: settings, options: options, logger: logger))
        }
        let factory = storeFactories[options.cache.rawValue] ?? MemoryStoreFactory()
        let stores = try factory.makeStores(settings: settings, options: options, logger: logger)
        guard followsSignInStoreChoice, settings.members["cache"] == nil else { return (factory, stores) }
        return (
            factory,
            SignInChoiceStores(
                base: stores, profile: profile, settings: settings, options: options, logger: logger,
                factories: storeFactories)
        )
    }
}
