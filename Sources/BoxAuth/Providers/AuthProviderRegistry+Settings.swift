/// The settings profiles may take with a registry: the common ones (with the registered store
/// kinds), each provider kind's, and the environment variables its secrets read.
extension AuthProviderRegistry {
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

    /// The settings a profile entry may take: the common ones and its provider's (none when the
    /// provider kind is unknown).
    func declaredSettings(for settings: ProfileSettings) -> [ProviderSetting] {
        guard case .string(let kind)? = settings.members["provider"], let factory = factory(for: kind) else {
            return commonSettings
        }
        return commonSettings + factory.settings
    }

    /// The environment variables a profile's secrets are read from: the `{"env": ...}` references
    /// of the secret settings its provider kind and this registry's store kinds declare (a child
    /// process gets the token, not these).
    ///
    /// ```swift
    /// let registry = AuthProviderRegistry.standard
    /// let profile = try registry.profile("service", in: file)
    /// let hidden = registry.secretEnvironmentVariables(of: try file.settings(for: profile.name, environment: env))
    /// ```
    /// - Parameter settings: The profile's settings (``ProfilesFile/settings(for:environment:)``).
    public func secretEnvironmentVariables(of settings: ProfileSettings) -> [String] {
        settings.secretEnvironmentVariables(declared: declaredSettings(for: settings))
    }
}
