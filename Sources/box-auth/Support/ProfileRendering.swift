import BoxAuthProviders

/// Renders a profile entry for people, never showing a secret's value.
enum ProfileRendering {
    /// `key: value` lines, sorted; secrets appear as their source (`env:NAME`, `file:path`,
    /// `<inline secret>`), and keys the provider does not declare as `<not shown>`.
    static func lines(for settings: ProfileSettings, registry: AuthProviderRegistry) -> [String] {
        let kind = settings.members["provider"]?.stringValue ?? ""
        let declared = registry.commonSettings + (registry.factory(for: kind)?.settings ?? [])
        let byName = Dictionary(declared.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return settings.members.keys.sorted().map { key in
            let value = settings.members[key] ?? .null
            guard let setting = byName[key] else { return "\(key): <not shown: unknown key>" }
            if setting.isSecret {
                let source =
                    (try? SecretReference(json: value, file: nil, path: .root))?.description ?? "<invalid secret>"
                return "\(key): \(source)"
            }
            switch value {
            case .string(let text): return "\(key): \(text)"
            case .integer(let number): return "\(key): \(number)"
            case .number(let number): return "\(key): \(number)"
            case .bool(let flag): return "\(key): \(flag)"
            default: return "\(key): <\(value.typeName)>"
            }
        }
    }
}
