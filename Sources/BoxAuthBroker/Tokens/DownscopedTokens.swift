package import BoxAuth
import Foundation
package import Logging
import Synchronization

/// The downscoped tokens of one profile, one cache per (scopes, item or shared link): each made by
/// Box's token exchange from the profile's token, fetched once however many callers wait, and
/// never outliving the token it was made from.
///
/// A downscoped token expires no later than its parent; when the profile's token changes (it was
/// refreshed, or invalidated after a 401), the downscoped tokens made from the old one are dropped
/// and made again from the new one.
package final class DownscopedTokens: Sendable {
    /// The most downscopes kept per profile; past it, the oldest is dropped.
    package static let capacity = 256

    private let profile: ResolvedProfile
    private let logger: Logger
    private let caches = Mutex<(order: [BrokerDownscope], entries: [BrokerDownscope: Entry])>(([], [:]))

    private struct Entry: Sendable {
        let cache: TokenCache
        let fetcher: DownscopeFetcher
    }

    package init(profile: ResolvedProfile, logger: Logger) {
        self.profile = profile
        self.logger = logger
    }

    /// A token restricted to `downscope`, and whether Box was asked for it (or for its parent).
    package func token(_ downscope: BrokerDownscope) async throws -> (token: AccessToken, fetched: Bool) {
        let entry = entry(for: downscope)
        let before = entry.cache.fetchCount
        var token = try await entry.cache.token()
        let parent = try await profile.accessToken()
        if entry.fetcher.parent(of: token) != parent.value {
            entry.cache.invalidate(token)
            token = try await entry.cache.token()
        }
        return (token, entry.cache.fetchCount != before)
    }

    /// Drops `value` if it is the current token of one of the downscopes.
    /// - Returns: Whether it was.
    package func invalidate(_ value: String) -> Bool {
        let entries = caches.withLock { Array($0.entries.values) }
        for entry in entries where entry.fetcher.isCurrent(value) {
            entry.cache.invalidate(AccessToken(value: value, expiresAt: Date()))
            return true
        }
        return false
    }

    private func entry(for downscope: BrokerDownscope) -> Entry {
        caches.withLock { caches in
            if let entry = caches.entries[downscope] { return entry }
            let fetcher = DownscopeFetcher(profile: profile, downscope: downscope, logger: logger)
            let entry = Entry(
                cache: TokenCache(fetcher: fetcher, logger: logger, provider: "\(profile.kind)+downscope"),
                fetcher: fetcher)
            if caches.order.count >= Self.capacity {
                let oldest = caches.order.removeFirst()
                caches.entries[oldest] = nil
            }
            caches.order.append(downscope)
            caches.entries[downscope] = entry
            return entry
        }
    }
}

/// Makes a downscoped token from the profile's current token, remembering which parent each came from.
private final class DownscopeFetcher: TokenFetcher {
    let profile: ResolvedProfile
    let downscope: BrokerDownscope
    let logger: Logger
    /// The current downscoped token's value and its parent's.
    private let current = Mutex<(child: String, parent: String)?>(nil)

    init(profile: ResolvedProfile, downscope: BrokerDownscope, logger: Logger) {
        self.profile = profile
        self.downscope = downscope
        self.logger = logger
    }

    func fetchToken() async throws -> AccessToken {
        let parent = try await profile.accessToken()
        let child = try await profile.tokenEndpoint().downscope(
            parent, scopes: downscope.scopes, target: downscope.target, logger: logger)
        let token = AccessToken(
            value: child.value, tokenType: child.tokenType, expiresAt: min(child.expiresAt, parent.expiresAt),
            receivedAt: child.receivedAt, restrictedTo: child.restrictedTo)
        current.withLock { $0 = (token.value, parent.value) }
        return token
    }

    func parent(of token: AccessToken) -> String? {
        current.withLock { $0?.child == token.value ? $0?.parent : nil }
    }

    func isCurrent(_ value: String) -> Bool { current.withLock { $0?.child == value } }
}
