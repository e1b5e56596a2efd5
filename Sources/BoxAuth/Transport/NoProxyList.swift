public import Foundation

/// The hosts that bypass the proxy, as `NO_PROXY` lists them.
///
/// Entries are separated by commas or spaces and compared without regard to case:
/// - `*` alone bypasses the proxy for every host;
/// - a host name (`example.com`, `.example.com` or `*.example.com`) matches that host and every
///   subdomain of it (`api.example.com`), not a host that only ends the same way (`badexample.com`);
/// - an IP address (`127.0.0.1`, `::1`, `[::1]`) matches that address exactly;
/// - an entry with a port (`example.com:8443`, `[::1]:8080`) matches only requests to that port
///   (the URL's port, or 80 for `http` and 443 for `https`).
///
/// ```swift
/// let list = NoProxyList("localhost, .internal.example.com, 10.0.0.1:8080")
/// list.bypasses(URL(string: "https://vault.internal.example.com/token")!)   // true
/// ```
public struct NoProxyList: Sendable, Hashable, CustomStringConvertible {
    private struct Entry: Sendable, Hashable {
        let host: String
        let port: Int?
        let isAddress: Bool
    }

    private let entries: [Entry]
    private let matchesEverything: Bool

    /// No host bypasses the proxy.
    public static let empty = NoProxyList("")

    /// Parses a `NO_PROXY` value; entries that cannot be read (an empty host, a bad port) are ignored.
    public init(_ text: String) {
        var entries: [Entry] = []
        var everything = false
        let separators = CharacterSet(charactersIn: ",").union(.whitespacesAndNewlines)
        for raw in text.components(separatedBy: separators) where !raw.isEmpty {
            let item = raw.lowercased()
            if item == "*" {
                everything = true
                continue
            }
            if let entry = Self.entry(item) { entries.append(entry) }
        }
        self.entries = entries
        self.matchesEverything = everything
    }

    /// The entries, normalised and comma-separated (`*` first when present).
    public var description: String {
        var items = matchesEverything ? ["*"] : []
        for entry in entries {
            let host = entry.host.contains(":") ? "[\(entry.host)]" : entry.host
            items.append(entry.port.map { "\(host):\($0)" } ?? host)
        }
        return items.joined(separator: ",")
    }

    /// Whether a request to `url` goes direct, not through the proxy.
    public func bypasses(_ url: URL) -> Bool {
        if matchesEverything { return true }
        guard let rawHost = url.host, !rawHost.isEmpty else { return false }
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host = String(host.dropLast()) }
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        let hostIsAddress = Self.isAddress(host)
        return entries.contains { entry in
            if let entryPort = entry.port, entryPort != port { return false }
            if entry.isAddress || hostIsAddress { return entry.host == host }
            return host == entry.host || host.hasSuffix("." + entry.host)
        }
    }

    /// One entry: `host`, `.host`, `*.host`, `host:port`, an IPv4 address, `::1` or `[::1]:port`.
    private static func entry(_ item: String) -> Entry? {
        var host = item
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()) else { return nil }
                port = number
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            guard let number = Int(host[host.index(after: colon)...]) else { return nil }
            port = number
            host = String(host[..<colon])
        }
        if let port, !(1...65535).contains(port) { return nil }
        if host.hasPrefix("*.") { host.removeFirst(2) }
        while host.hasPrefix(".") { host.removeFirst() }
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { return nil }
        return Entry(host: host, port: port, isAddress: isAddress(host))
    }

    /// Whether `host` is an IPv4 or IPv6 literal (compared exactly, never as a suffix).
    private static func isAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.allSatisfy(\.isNumber) }
    }
}
