package import Foundation

/// Checks that credentials are only ever sent over TLS, or to this machine.
package enum EndpointURL {
    /// Whether `host` is a loopback name or address (127.0.0.0/8, ::1, localhost).
    package static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Accepts `https://host` and `http://loopback`; anything else throws.
    package static func validate(_ url: URL) throws(ConfigurationError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw ConfigurationError(
                code: .invalidURL, message: "'\(url.absoluteString)' is not an absolute URL.",
                hint: "Write it as https://host, e.g. https://api.box.com.")
        }
        if scheme == "https" || (scheme == "http" && isLoopback(host)) { return }
        throw ConfigurationError(
            code: .invalidURL, message: "'\(url.absoluteString)' is not https.",
            hint: "Use https (plain http is allowed only for 127.0.0.1, ::1 and localhost).")
    }
}
