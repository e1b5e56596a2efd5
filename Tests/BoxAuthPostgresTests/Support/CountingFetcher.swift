import BoxAuth
import Foundation
import Synchronization

/// A fetcher that counts its calls and hands out distinct tokens; `gate` holds each fetch until
/// opened, so tests can line callers up on an event, not on a duration.
final class CountingFetcher: TokenFetcher, AppCredentialsProviding {
    private let count = Atomic<Int>(0)
    let lifetime: TimeInterval
    let now: @Sendable () -> Date
    let appCredentials = AppCredentials(clientID: "fleet-client", clientSecret: Secret("fleet-client-secret"))

    init(lifetime: TimeInterval = 3600, now: @escaping @Sendable () -> Date = { Date() }) {
        self.lifetime = lifetime
        self.now = now
    }

    var calls: Int { count.load(ordering: .relaxed) }

    func fetchToken() async throws -> AccessToken {
        let number = count.add(1, ordering: .relaxed).newValue
        let date = now()
        return AccessToken(
            value: "fleet-token-\(number)-\(UUID().uuidString)", expiresAt: date.addingTimeInterval(lifetime),
            receivedAt: date)
    }
}
