/// Times one piece of work with the monotonic clock, in nanoseconds.
enum Stopwatch {
    static func nanoseconds(_ body: () throws -> Void) rethrows -> Int {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).nanoseconds
    }

    static func nanoseconds(_ body: () async throws -> Void) async rethrows -> Int {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).nanoseconds
    }
}

extension Duration {
    var nanoseconds: Int {
        Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000)
    }
}
