extension ProfileSettings {
    /// Checks the entry against declared settings: every key known, every value of its type, every
    /// required setting present, and every file named by a `.path` setting or a `{"file": ...}`
    /// secret, if it exists, a regular file (a device, FIFO or folder is refused before anything
    /// opens it).
    /// - Throws: The first ``ConfigurationError`` found.
    public func validate(against declared: [ProviderSetting]) throws(ConfigurationError) {
        let byName = Dictionary(declared.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for key in members.keys.sorted() {
            guard let setting = byName[key] else {
                throw .unknownKey(file, path, key: key, known: declared.map(\.name))
            }
            try check(members[key] ?? .null, against: setting)
        }
        for setting in declared where setting.isRequired && !contains(setting.name) {
            throw missing(setting.name, what: "'\(setting.name)' (\(setting.summary.lowercasedFirst))")
        }
        try requireRegularFiles(declared: declared)
    }

    private func check(_ value: JSONValue, against setting: ProviderSetting) throws(ConfigurationError) {
        let keyPath = path.appending(setting.name)
        switch (setting.type, value) {
        case (_, .null):
            return
        case (.string, .string(let text)), (.path, .string(let text)):
            if text.isEmpty {
                throw invalid(setting.name, "'\(setting.name)' is empty.", hint: "Give it a value or remove it.")
            }
        case (.identifier, .string(let text)):
            if text.isEmpty {
                throw invalid(setting.name, "'\(setting.name)' is empty.", hint: "Give it a value or remove it.")
            }
        case (.identifier, .integer(let number)):
            if number < 0 { throw invalid(setting.name, "'\(setting.name)' must not be negative.") }
        case (.secret, _):
            _ = try SecretReference(json: value, file: file, path: keyPath)
        case (.number, .integer), (.number, .number), (.boolean, .bool):
            return
        case (.stringArray, .array(let items)):
            if items.isEmpty { throw invalid(setting.name, "'\(setting.name)' is empty.") }
            for (index, item) in items.enumerated() where item.stringValue == nil {
                throw .wrongType(file, keyPath.appending(index: index), expected: "a string", found: item)
            }
        case (.oneOf(let allowed), .string(let text)):
            if !allowed.contains(text) {
                throw invalid(
                    setting.name, "\(MessageText.quoted(text)) is not allowed.",
                    hint: "Use one of: \(allowed.joined(separator: ", ")).")
            }
        default:
            throw .wrongType(file, keyPath, expected: setting.type.description, found: value)
        }
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
