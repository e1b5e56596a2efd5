import Benchmark

/// The custom metrics every benchmark reports: times of the work and of its reference, measured in
/// the same sample, and their ratio.
extension BenchmarkMetric {
    /// A duration in nanoseconds (shown as a plain count; the name carries the unit).
    static func nanoseconds(_ what: String) -> BenchmarkMetric {
        .custom("\(what) (ns)", polarity: .prefersSmaller, useScalingFactor: false)
    }

    /// A duration in microseconds.
    static func microseconds(_ what: String) -> BenchmarkMetric {
        .custom("\(what) (µs)", polarity: .prefersSmaller, useScalingFactor: false)
    }

    /// A ratio to the reference, in percent (100 = as fast as the reference).
    static func percent(_ what: String) -> BenchmarkMetric {
        .custom("\(what) (%)", polarity: .prefersSmaller, useScalingFactor: false)
    }

    /// A count.
    static func count(_ what: String, polarity: Polarity = .prefersSmaller) -> BenchmarkMetric {
        .custom(what, polarity: polarity, useScalingFactor: false)
    }
}

/// `subject` as a percentage of `reference`, rounded.
func percent(_ subject: Int, of reference: Int) -> Int {
    guard reference > 0 else { return 0 }
    return Int((Double(subject) * 100 / Double(reference)).rounded())
}

extension Benchmark.Configuration {
    /// A configuration whose metrics are shown as plain numbers (no K or M scaling), so that the
    /// unit in each metric's name holds.
    static func plain(
        _ metrics: [BenchmarkMetric], warmupIterations: Int, maxDuration: Duration, maxIterations: Int
    ) -> Self {
        .init(
            metrics: metrics, units: Dictionary(uniqueKeysWithValues: metrics.map { ($0, .count) }),
            warmupIterations: warmupIterations, maxDuration: maxDuration, maxIterations: maxIterations)
    }
}

/// Nanoseconds as whole microseconds.
func microseconds(_ nanoseconds: Int) -> Int { (nanoseconds + 500) / 1000 }
