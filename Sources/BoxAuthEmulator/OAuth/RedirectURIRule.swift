import Foundation

/// Which `redirect_uri` values an app accepts in the authorization-code flow: one of its
/// registered URIs exactly, or, for a registered `http` loopback URI, the same path and query on
/// any loopback host and port (RFC 8252 §7.3: native apps listen on an ephemeral port).
enum RedirectURIRule {
    /// The host names a loopback redirect URI may use, brackets removed.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1"]

    /// Whether `uri` is an acceptable redirect URI for an app that registered `registered`.
    ///
    /// A URI with a fragment, or that is not an absolute `http`/`https` URI, is never acceptable
    /// (RFC 6749 §3.1.2).
    static func accepts(_ uri: String, registered: [String]) -> Bool {
        guard let requested = Parts(uri) else { return false }
        if registered.contains(uri) { return true }
        guard requested.isLoopback else { return false }
        return registered.contains { candidate in
            guard let candidate = Parts(candidate), candidate.isLoopback else { return false }
            return candidate.path == requested.path && candidate.query == requested.query
        }
    }

    /// The pieces of a redirect URI that matching looks at.
    private struct Parts {
        let scheme: String
        let host: String
        let path: String
        let query: String?

        /// Nil unless `text` is an absolute `http` or `https` URI with a host and no fragment.
        init?(_ text: String) {
            guard let components = URLComponents(string: text), components.fragment == nil,
                let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = components.host, !host.isEmpty
            else { return nil }
            self.scheme = scheme
            self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
            path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            query = components.percentEncodedQuery
        }

        /// Whether this is an `http` URI on a loopback host.
        var isLoopback: Bool { scheme == "http" && RedirectURIRule.loopbackHosts.contains(host) }
    }
}
