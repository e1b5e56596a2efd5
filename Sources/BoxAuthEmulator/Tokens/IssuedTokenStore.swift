import Foundation

/// The tokens the emulator issued, by value; expired tokens are dropped as new ones come in.
///
/// Tokens are also queued in the order they were issued, which is the order they expire in since
/// they share one lifetime, so each insert drops the expired ones from the front of the queue:
/// constant time per grant, amortised, however many tokens are held. A token whose expiry is out of
/// order (a downscoped token expires with the token it came from; the clock's offset may change)
/// is dropped at the latest once the tokens queued before it expired; lookups judge expiry anyway.
struct IssuedTokenStore: Sendable {
    private var tokens: [String: IssuedToken] = [:]
    /// Token values and their expiry, oldest first, from ``head`` on.
    private var queue: [(value: String, expiresAt: Date)] = []
    /// Where the queue starts; the entries before it were dropped.
    private var head = 0

    /// Records `token` under `value`, after dropping the tokens expired at `now`.
    mutating func insert(_ token: IssuedToken, value: String, now: Date) {
        pruneExpired(at: now)
        tokens[value] = token
        queue.append((value, token.expiresAt))
    }

    /// The token issued under `value`, expired or not (until dropped).
    func token(for value: String) -> IssuedToken? { tokens[value] }

    /// Forgets the token issued under `value` (revoked); returns whether there was one.
    @discardableResult
    mutating func remove(_ value: String) -> Bool { tokens.removeValue(forKey: value) != nil }

    /// Forgets every token (all revoked at once); returns how many there were, expired ones not yet
    /// dropped included.
    @discardableResult
    mutating func removeAll() -> Int {
        let count = tokens.count
        tokens.removeAll()
        queue.removeAll()
        head = 0
        return count
    }

    /// How many of the tokens held are valid at `now`.
    func liveCount(at now: Date) -> Int { tokens.values.count { $0.isValid(at: now) } }

    /// How many tokens are held, expired ones not yet dropped included.
    var count: Int { tokens.count }

    /// Drops the tokens at the front of the queue that expired at `now`.
    private mutating func pruneExpired(at now: Date) {
        while head < queue.count, queue[head].expiresAt <= now {
            let value = queue[head].value
            // The value may since have been revoked; a token stored again under it stays if valid.
            if let token = tokens[value], !token.isValid(at: now) { tokens.removeValue(forKey: value) }
            head += 1
        }
        // Reclaim the dropped entries once they are half the queue, so each is moved at most once.
        if head > 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
