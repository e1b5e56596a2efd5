import Foundation

/// Values kept under random keys until they expire: authorization codes and refresh tokens.
///
/// Expired values are dropped in bulk once the store has grown to twice its size after the last
/// sweep (at least ``minimumSweepSize``), so each insert costs constant time, amortised. Until
/// then an expired value is still found, so that its expiry can be reported as such.
struct ExpiringValueStore<Value: Sendable>: Sendable {
    private var entries: [String: (value: Value, expiresAt: Date)] = [:]
    private var sweepAt = Self.minimumSweepSize
    /// The fewest entries that trigger a sweep.
    static var minimumSweepSize: Int { 4096 }

    /// Keeps `value` under `key` until `expiresAt`, after dropping expired values when due.
    mutating func insert(_ value: Value, key: String, expiresAt: Date, now: Date) {
        if entries.count >= sweepAt {
            entries = entries.filter { $0.value.expiresAt > now }
            sweepAt = max(Self.minimumSweepSize, entries.count * 2)
        }
        entries[key] = (value, expiresAt)
    }

    /// The value under `key` and when it expires, expired or not (until dropped).
    func entry(_ key: String) -> (value: Value, expiresAt: Date)? { entries[key] }

    /// Forgets the value under `key`; returns whether there was one.
    @discardableResult
    mutating func remove(_ key: String) -> Bool { entries.removeValue(forKey: key) != nil }

    /// How many values are held, expired ones not yet dropped included.
    var count: Int { entries.count }
}
