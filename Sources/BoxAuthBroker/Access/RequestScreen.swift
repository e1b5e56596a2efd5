/// The rules every request passes before anything else, which keep out what a browser or a
/// server-side request forgery can send: a required header, no forwarding or origin headers, and
/// a loopback `Host`.
///
/// A page in a browser cannot add `Box-Auth-Broker: 1` without a CORS preflight, which the broker
/// never answers; a proxy or an SSRF-prone server that relays a request adds `X-Forwarded-For`,
/// `Forwarded` or its own `Host`. (GCP's metadata server requires `Metadata-Flavor: Google`;
/// Azure's IMDS refuses `X-Forwarded-For`.)
package enum RequestScreen {
    /// The header every request must carry, with the value `1`.
    package static let requiredHeader = "box-auth-broker"
    /// Headers whose presence means the request was relayed or sent by a browser.
    package static let refusedHeaders = ["x-forwarded-for", "forwarded", "origin"]
    /// The `Host` values accepted (with or without a port).
    package static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    /// Checks `request`.
    /// - Throws: ``BrokerFailure`` 403 `forbidden_request` naming the rule it broke.
    package static func check(_ request: BrokerRequest) throws(BrokerFailure) {
        if let refused = refusedHeaders.first(where: { request.value(of: $0) != nil }) {
            throw .forbiddenRequest(
                "requests with a '\(refused)' header are refused: the broker answers local programs only, "
                    + "never a browser or a relayed request.")
        }
        guard request.values(of: requiredHeader) == ["1"] else {
            throw .forbiddenRequest("every request must carry the header 'Box-Auth-Broker: 1'.")
        }
        let hosts = request.values(of: "host")
        guard hosts.count <= 1 else { throw .forbiddenRequest("the request has more than one 'Host' header.") }
        guard let host = hosts.first, !host.isEmpty else {
            if request.listener == .socket { return }
            throw .forbiddenRequest("a request over TCP must carry 'Host: 127.0.0.1' (or localhost, [::1]).")
        }
        guard loopbackHosts.contains(hostName(host).lowercased()) else {
            throw .forbiddenRequest("the 'Host' header must be localhost, 127.0.0.1 or [::1].")
        }
    }

    /// `host` without its port: `[::1]:8080` → `[::1]`, `localhost:80` → `localhost`.
    private static func hostName(_ host: String) -> Substring {
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return Substring(host) }
            let rest = host[host.index(after: end)...]
            guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isNumber) && rest.count > 1)
            else { return Substring(host) }
            return host[...end]
        }
        guard let colon = host.firstIndex(of: ":") else { return Substring(host) }
        let port = host[host.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy(\.isNumber) else { return Substring(host) }
        return host[..<colon]
    }
}
