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

    /// ``commonSettings`` for `storeFactories`.
    static func commonSettings(for storeFactories: [String: any TokenStoreFactory]) -> [ProviderSetting] {
        let storeKinds = storeFactories.keys.sorted()
        var names = Set(ProfileOptions.settings.map(\.name))
        var settings = ProfileOptions.settings.map { setting in
            guard setting.name == "cache" else { return setting }
            let summaries = storeKinds.compactMap { kind in storeFactories[kind].map { "'\(kind)' \($0.summary)" } }
            return ProviderSetting(
                "cache", .oneOf(storeKinds), default: setting.defaultValue,
                summary: "Where tokens are cached: " + summaries.joined(separator: "; "))
        }
        for kind in storeKinds {
            for setting in storeFactories[kind]?.settings ?? [] where names.insert(setting.name).inserted {
                settings.append(setting)
            }
        }
        return settings
    }
}
