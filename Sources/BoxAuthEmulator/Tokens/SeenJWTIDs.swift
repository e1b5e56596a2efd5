/// The `jti` values of accepted assertions, remembered until their assertion expires (a replay
/// after that is refused for its `exp` anyway).
struct SeenJWTIDs: Sendable {
    private var expiries: [String: Int64] = [:]
    private static let pruneThreshold = 4096

    /// Whether `jti` was accepted before.
    func contains(_ jti: String) -> Bool { expiries[jti] != nil }

    /// Remembers `jti`, whose assertion expires at `expiresAt` (Unix seconds).
    mutating func insert(_ jti: String, expiresAt: Int64, now: Int64) {
        if expiries.count >= Self.pruneThreshold { expiries = expiries.filter { $0.value >= now } }
        expiries[jti] = expiresAt
    }
}
