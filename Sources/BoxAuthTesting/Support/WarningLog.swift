import Logging
import Synchronization

/// A logger for the implementation under check that keeps the warnings (and worse) it logs: in a
/// check where nothing goes wrong, a warning means the implementation fell back (it did not get its
/// lock, it could not write), which the check reports.
final class WarningLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// The warnings and errors logged so far.
    var warnings: [String] { lines.withLock { $0 } }

    /// A logger writing into this log, at `.warning` and above.
    var logger: Logger {
        Logger(label: "box-auth.conformance") { _ in Handler(log: self) }
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: WarningLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .warning

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.level >= .warning else { return }
            var line = "\(event.level): \(event.message)"
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            if !merged.isEmpty { line += " " + merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ") }
            log.append(line)
        }
    }
}
