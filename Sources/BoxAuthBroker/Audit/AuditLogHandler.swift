import BoxAuth
import Foundation
public import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A log handler for the broker's audit lines (`box-auth serve` uses it for the label
/// `box-auth.audit`): one line per request on stderr, written in batches.
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     label == "box-auth.audit" ? AuditLogHandler(label: label, level: .info) : StreamLogHandler.standardError(label: label)
/// }
/// let broker = try TokenBroker(configuration: configuration, registry: .standard,
///                              auditLogger: Logger(label: "box-auth.audit"))
/// ```
///
/// swift-log's `StreamLogHandler` formats a local timestamp and flushes stderr for every line,
/// which cost the broker a third of its throughput; this handler formats a UTC timestamp once per
/// second and writes what has gathered every 50 ms (or at once past 16 KiB), so a line reaches
/// stderr at most 50 ms late. Control characters are escaped as the other handlers do.
public struct AuditLogHandler: LogHandler {
    /// The logger's label, shown on each line.
    public let label: String
    let output: BufferedStandardError
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    /// Metadata gathered for every line.
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler writing lines of `level` and above to the process's batched stderr.
    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
        self.output = .shared
    }

    /// One metadata value added to every line.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Adds the event's line to the batch.
    public func log(event: LogEvent) {
        output.write(line(for: event, timestamp: output.timestamp()))
    }

    /// The line of `event`: the time, the level, the label, the message and the metadata sorted by
    /// key, control characters escaped.
    package func line(for event: LogEvent, timestamp: String) -> String {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        var line = timestamp
        line += " \(event.level) \(label): "
        line += MessageText.escaped(event.message.description)
        for key in all.keys.sorted() {
            line += " " + MessageText.escaped(key) + "=" + MessageText.escaped(all[key].map { "\($0)" } ?? "")
        }
        return line + "\n"
    }
}

/// Standard error, written in batches by a thread of its own (every 50 ms, or at once past 16 KiB).
package final class BufferedStandardError: Sendable {
    /// The one buffer of the process.
    package static let shared = BufferedStandardError()

    private static let limit = 16 * 1024
    private let state = Mutex<(pending: [UInt8], second: Int, stamp: String)>(([], -1, ""))

    private init() {
        Thread.detachNewThread { [self] in
            while true {
                usleep(50_000)
                flush()
            }
        }
    }

    /// The current second in UTC, RFC 3339 (`2026-12-06T22:00:00Z`), formatted once per second.
    package func timestamp() -> String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        if let stamp = state.withLock({ $0.second == second ? $0.stamp : nil }) { return stamp }
        let stamp = Date.ISO8601FormatStyle().format(now)
        state.withLock { state in
            state.second = second
            state.stamp = stamp
        }
        return stamp
    }

    /// Adds `line`; writes at once when the buffer is past its limit.
    package func write(_ line: String) {
        let full = state.withLock { state in
            state.pending.append(contentsOf: line.utf8)
            return state.pending.count >= Self.limit
        }
        if full { flush() }
    }

    /// Writes what has gathered.
    package func flush() {
        state.withLock { state in
            guard !state.pending.isEmpty else { return }
            var offset = 0
            state.pending.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                while offset < bytes.count {
                    let written = Foundation.write(2, base + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            state.pending.removeAll(keepingCapacity: true)
        }
    }
}
