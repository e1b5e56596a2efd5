extension ProfileSettings {
    /// The environment variables the entry's secrets are read from: the `NAME` of every
    /// `{"env": "NAME"}` written for a setting that `declared` marks as
    /// ``ProviderSetting/ValueType/secret`` (a store's `cacheURL` included), and of every such
    /// object nested deeper in those settings' values, sorted.
    ///
    /// A program that hands its environment to a child (as `box-auth exec` does) removes these, so
    /// the child gets the token but not the credentials it was made with. Variables that a
    /// `{"command": [...]}` secret's program reads on its own cannot be known and are not included.
    ///
    /// ```swift
    /// let settings = try file.settings(for: "service", environment: environment)
    /// var childEnvironment = environment
    /// for name in settings.secretEnvironmentVariables(declared: declared) { childEnvironment[name] = nil }
    /// ```
    /// - Parameter declared: The settings the entry's provider and stores declare (with
    ///   ``AuthProviderRegistry/commonSettings``); ``AuthProviderRegistry/secretEnvironmentVariables(of:)`` finds them.
    package func secretEnvironmentVariables(declared: [ProviderSetting]) -> [String] {
        let secretNames = Set(declared.filter(\.isSecret).map(\.name))
        var names = Set<String>()
        for (key, value) in members where secretNames.contains(key) {
            Self.collectEnvironmentReferences(in: value, into: &names)
        }
        return names.sorted()
    }

    /// Adds the name of every `{"env": "NAME"}` object in `value`, at any depth.
    private static func collectEnvironmentReferences(in value: JSONValue, into names: inout Set<String>) {
        switch value {
        case .object(let members):
            if members.count == 1, case .string(let name)? = members["env"], !name.isEmpty {
                names.insert(name)
            }
            for member in members.values { collectEnvironmentReferences(in: member, into: &names) }
        case .array(let items):
            for item in items { collectEnvironmentReferences(in: item, into: &names) }
        default:
            return
        }
    }
}
