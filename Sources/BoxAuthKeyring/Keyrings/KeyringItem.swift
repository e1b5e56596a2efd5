import BoxAuth

/// One keyring item: a token or a token pair of one profile, found by attributes that reveal
/// nothing of the key (base URL, client ID, subject or profile) beyond its hash.
package struct KeyringItem: Sendable, Hashable {
    /// What the item holds.
    package enum Kind: String, Sendable {
        /// An access token (`"cache": "keyring"`).
        case token
        /// An OAuth 2.0 token pair (`box-auth login`).
        case tokenPair = "token-pair"
    }

    /// The `service` attribute of every box-auth item: `box-auth`.
    package static let service = "box-auth"

    /// What the item holds.
    package let kind: Kind
    /// The SHA-256 of the key's parts, in hex.
    package let keyHash: String

    /// The item for `key`'s parts.
    package init(kind: Kind, key: [String]) {
        self.kind = kind
        keyHash = CacheKeyHash.hex(key.joined(separator: "\n"))
    }

    /// The attributes that find the item: `service`, `kind` and `key`.
    package var attributes: [(name: String, value: String)] {
        [("service", Self.service), ("kind", kind.rawValue), ("key", keyHash)]
    }

    /// The label a keyring's own tools show: what it is, and the first characters of the hash.
    package var label: String {
        let what = kind == .token ? "access token" : "sign-in (OAuth 2.0 token pair)"
        return "box-auth \(what) \(keyHash.prefix(12))"
    }
}
