import BoxAuth

extension JSONValue {
    /// This value with the member at `path` replaced, or removed when `value` is nil; missing
    /// objects along the way are created.
    func setting(_ path: [String], to value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        var members = objectValue ?? [:]
        if path.count == 1 {
            members[key] = value
        } else {
            members[key] = (members[key] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        }
        return .object(members)
    }
}
