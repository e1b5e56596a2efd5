import Logging

/// A log handler that keeps every line, to check that no secret is ever logged.
struct CapturedLog: LogHandler {
    /// Where the lines go: an unbounded stream, which any thread may write to.
    final class Lines: Sendable {
        private let stream: AsyncStream<String>
        private let continuation: AsyncStream<String>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream(of: String.self) }

        func append(_ line: String) { continuation.yield(line) }

        /// Ends the capture and returns every line logged.
        func finish() async -> [String] {
            continuation.finish()
            var lines: [String] = []
            for await line in stream { lines.append(line) }
            return lines
        }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    /// A trace-level logger writing into new ``Lines``.
    static func logger() -> (Logger, Lines) {
        let lines = Lines()
        return (Logger(label: "emulator-test") { _ in CapturedLog(lines: lines) }, lines)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        lines.append("\(event.level) \(event.message) \(merged.map { "\($0.key)=\($0.value)" }.sorted())")
    }
}
