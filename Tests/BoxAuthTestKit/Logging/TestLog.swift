public import InMemoryLogging
public import Logging

/// A logger that keeps every line in memory (swift-log's `InMemoryLogHandler`), to check what
/// was logged and that no secret ever was.
///
/// ```swift
/// let log = TestLog()
/// let profile = try fixture.profile(entry, logger: log.logger)
/// #expect(log.messages.contains("retrying token request"))
/// ```
public struct TestLog: Sendable {
    /// The handler holding the lines.
    public let handler: InMemoryLogHandler
    /// A logger writing into ``handler`` at `level`.
    public let logger: Logger

    /// A log keeping everything at `level` and above.
    public init(label: String = "box-auth-test", level: Logger.Level = .trace) {
        var handler = InMemoryLogHandler()
        handler.logLevel = level
        self.handler = handler
        var logger = Logger(label: label) { _ in handler }
        logger.logLevel = level
        self.logger = logger
    }

    /// Everything logged so far.
    public var entries: [InMemoryLogHandler.Entry] { handler.entries }

    /// The messages logged so far, in order.
    public var messages: [String] { entries.map { "\($0.message)" } }

    /// Every line as one string (level, message, metadata), for checks that nothing leaked.
    public var lines: [String] {
        entries.map { entry in
            "\(entry.level) \(entry.message) \(entry.metadata.map { "\($0.key)=\($0.value)" }.sorted())"
        }
    }

    /// The value of metadata `key` in every line whose message is `message`, in order.
    public func metadata(_ key: String, ofMessage message: String) -> [String] {
        entries.filter { "\($0.message)" == message }.compactMap { $0.metadata[key].map { "\($0)" } }
    }
}
