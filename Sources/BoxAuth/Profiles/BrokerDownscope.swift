import Foundation

/// What the broker restricts a client's tokens to: Box's token exchange with these scopes and,
/// optionally, one item or one shared link.
package struct BrokerDownscope: Sendable, Hashable {
    /// The keys a `"downscope"` object may have.
    package static let keys = ["scopes", "resource", "sharedLink"]

    /// The scopes, sorted and without repeats.
    package let scopes: [String]
    /// The item or shared link, or `.any`.
    package let target: TokenEndpoint.DownscopeTarget

    /// A downscope of `scopes` (sorted, repeats dropped) and `target`.
    package init(scopes: [String], target: TokenEndpoint.DownscopeTarget) {
        self.scopes = Array(Set(scopes)).sorted()
        self.target = target
    }

    /// Reads a `{"scopes": [...], "resource": "...", "sharedLink": "..."}` object.
    /// - Throws: ``ConfigurationError`` naming `file` and the JSON path.
    package init(json: JSONValue, file: String?, path: JSONPath) throws(ConfigurationError) {
        let reader = try JSONObjectReader(json, file: file, path: path)
        for key in reader.members.keys.sorted() where !Self.keys.contains(key) {
            throw .unknownKey(file, path, key: key, known: Self.keys)
        }
        let scopesPath = path.appending("scopes")
        guard let value = reader.members["scopes"] else {
            throw .missingValue(file, scopesPath, what: "'scopes' (Box scopes such as \"item_preview\")")
        }
        guard case .array(let items) = value, !items.isEmpty else {
            throw .wrongType(file, scopesPath, expected: "a non-empty array of scopes", found: value)
        }
        var scopes: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let scope) = item, !scope.isEmpty,
                scope.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
            else {
                throw .invalidValue(
                    file, scopesPath.appending(index: index), "a scope is a word such as \"item_preview\".")
            }
            scopes.append(scope)
        }
        let resource = try reader.optionalString("resource")
        let sharedLink = try reader.optionalString("sharedLink")
        switch (resource, sharedLink) {
        case (let resource?, nil):
            guard let url = URL(string: resource), url.scheme == "https" || url.scheme == "http", url.host != nil
            else {
                throw .invalidValue(
                    file, path.appending("resource"), "'resource' is not an http(s) URL.",
                    hint: "Give the item's API URL, such as https://api.box.com/2.0/files/123.")
            }
            self.init(scopes: scopes, target: .resource(url))
        case (nil, let link?): self.init(scopes: scopes, target: .sharedLink(link))
        case (nil, nil): self.init(scopes: scopes, target: .any)
        case (.some, .some):
            throw .invalidValue(
                file, path, "'resource' and 'sharedLink' are given; Box takes one.", hint: "Remove one of them.")
        }
    }

    /// Whether a token restricted to `self` is no wider than `limit`: its scopes are among the
    /// limit's, and it reaches the limit's item or shared link (when the limit names one).
    package func isWithin(_ limit: BrokerDownscope) -> Bool {
        guard Set(scopes).isSubset(of: limit.scopes) else { return false }
        return limit.target == .any || target == limit.target
    }
}
