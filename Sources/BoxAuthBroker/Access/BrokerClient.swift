package import BoxAuth

/// The client a request comes from, once identified: its name for the audit line and metrics,
/// the profiles it may use and the downscope it must get.
package struct BrokerClient: Sendable, Hashable {
    /// `owner` for the broker's own user (or the holder of the broker's token file), the policy's
    /// name for a named client.
    package let name: String
    /// The profiles it may use; nil for every profile.
    package let profiles: Set<String>?
    /// The downscope every token it gets is restricted to, if any.
    package let downscope: BrokerDownscope?

    package init(name: String, profiles: Set<String>?, downscope: BrokerDownscope?) {
        self.name = name
        self.profiles = profiles
        self.downscope = downscope
    }

    /// The broker's own user: every profile, no forced downscope.
    package static let owner = BrokerClient(name: "owner", profiles: nil, downscope: nil)

    /// Whether it may use `profile`.
    package func allows(_ profile: String) -> Bool { profiles?.contains(profile) ?? true }
}
