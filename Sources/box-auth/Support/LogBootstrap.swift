import BoxAuthBroker
import Logging
import Synchronization

/// Bootstraps swift-log to stderr exactly once per process.
enum LogBootstrap {
    /// The label of `box-auth serve`'s audit lines, which go through ``AuditLogHandler``.
    static let auditLabel = "box-auth.audit"

    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                if label == auditLabel { return AuditLogHandler(label: label, level: level) }
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return TerminalSafeLogHandler(handler)
            }
        }
    }
}
