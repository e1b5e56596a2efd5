/// What a load run measured, over all its connections: throughput and latency percentiles.
struct LoadSummary: Sendable {
    /// Requests started inside the measured window (all connections).
    let requests: Int
    /// Answers other than 200, warm-up included.
    let nonOK: Int
    /// The first such status, for the message.
    let firstNonOKStatus: Int?
    /// The window's length.
    let seconds: Double
    /// Every latency, in nanoseconds, sorted.
    let sortedLatencies: [Int]
    /// The first answer's body (from the first connection).
    let firstBody: [UInt8]

    init(_ results: [ConnectionResult], seconds: Double) {
        requests = results.reduce(0) { $0 + $1.requests }
        nonOK = results.reduce(0) { $0 + $1.nonOK }
        firstNonOKStatus = results.lazy.compactMap(\.firstNonOKStatus).first
        self.seconds = seconds
        sortedLatencies = results.flatMap(\.latencies).sorted()
        firstBody = results.first?.firstBody ?? []
    }

    var requestsPerSecond: Double { Double(requests) / seconds }

    /// The `fraction` quantile (nearest rank), in microseconds.
    func percentile(_ fraction: Double) -> Double {
        guard !sortedLatencies.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sortedLatencies.count)).rounded(.up)) - 1
        return Double(sortedLatencies[min(max(rank, 0), sortedLatencies.count - 1)]) / 1000
    }

    var p50: Double { percentile(0.50) }
    var p99: Double { percentile(0.99) }
    var maximum: Double { percentile(1.0) }
}
