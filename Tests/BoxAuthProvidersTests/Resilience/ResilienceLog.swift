import Logging
import Synchronization

/// Keeps every line a provider logs, to check the retry waits it chose and the skew it measured.
final class ResilienceLog: Sendable {
    /// One logged line.
    struct Line: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let lines = Mutex<[Line]>([])

    /// A trace-level logger writing here.
    var logger: Logger {
        Logger(label: "box-auth-resilience") { _ in Handler(log: self) }
    }

    /// Everything logged so far.
    var all: [Line] { lines.withLock { $0 } }

    /// The waits (in seconds) of the "retrying token request" lines, in order.
    var retryWaits: [Double] {
        all.filter { $0.message == "retrying token request" }
            .compactMap { $0.metadata["wait"].flatMap { Double($0.dropLast()) } }
    }

    /// The skews (in seconds) of the clock-skew warnings, in order.
    var measuredSkews: [Double] {
        all.filter { $0.level == .warning && $0.message.contains("clock skew") }
            .compactMap { $0.metadata["skew"].flatMap { Double($0.dropLast()) } }
    }

    fileprivate func append(_ line: Line) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: ResilienceLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            log.append(Line(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
