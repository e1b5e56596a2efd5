import BoxAuth
@testable import BoxAuthEmulator
import Foundation
import Testing

@Suite("IssuedTokenStore")
struct IssuedTokenStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func token(expiringAt date: Date) -> IssuedToken {
        IssuedToken(clientID: "client", subject: .enterprise("1234567"), expiresAt: date)
    }

    @Test("inserting drops the expired tokens and keeps the valid ones")
    func prunesExpired() {
        var store = IssuedTokenStore()
        let lifetime: TimeInterval = 100
        let count = 5000
        // One grant a second, each token lasting 100 s, on an injected clock.
        for index in 0..<count {
            let now = Self.start.addingTimeInterval(TimeInterval(index))
            store.insert(Self.token(expiringAt: now.addingTimeInterval(lifetime)), value: "t\(index)", now: now)
        }
        // At the last grant, tokens 0...4899 had expired (expiry <= now) and are gone.
        #expect(store.count == Int(lifetime))
        #expect(store.token(for: "t0") == nil)
        #expect(store.token(for: "t\(count - Int(lifetime) - 1)") == nil)
        for index in (count - Int(lifetime))..<count {
            #expect(store.token(for: "t\(index)") != nil, "token \(index)")
        }
    }

    @Test("a revoked value stored again later is kept until its own expiry")
    func revokedThenReused() {
        var store = IssuedTokenStore()
        store.insert(Self.token(expiringAt: Self.start.addingTimeInterval(10)), value: "a", now: Self.start)
        store.remove("a")
        store.insert(
            Self.token(expiringAt: Self.start.addingTimeInterval(100)), value: "a",
            now: Self.start.addingTimeInterval(5))
        store.insert(
            Self.token(expiringAt: Self.start.addingTimeInterval(120)), value: "b",
            now: Self.start.addingTimeInterval(20))
        #expect(store.token(for: "a") != nil)
        #expect(store.count == 2)
        store.insert(
            Self.token(expiringAt: Self.start.addingTimeInterval(300)), value: "c",
            now: Self.start.addingTimeInterval(110))
        #expect(store.token(for: "a") == nil)
        #expect(store.token(for: "b") != nil)
    }
}
