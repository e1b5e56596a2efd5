import BoxAuthTestSupport
import InMemoryLogging
import Logging

extension TestLog {
    /// The waits (in seconds) of the "retrying token request" lines, in order.
    var retryWaits: [Double] {
        metadata("wait", ofMessage: "retrying token request").compactMap { Double($0.dropLast()) }
    }

    /// The skews (in seconds) of the clock-skew warnings, in order.
    var measuredSkews: [Double] {
        entries.filter { $0.level == .warning && "\($0.message)".contains("clock skew") }
            .compactMap { $0.metadata["skew"].flatMap { Double("\($0)".dropLast()) } }
    }
}
