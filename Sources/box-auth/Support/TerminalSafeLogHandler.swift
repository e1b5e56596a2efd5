import BoxAuth
import Logging

/// A log handler that escapes control characters and line breaks in messages and metadata before
/// the wrapped handler writes them to the terminal, as ``Console`` does for the CLI's own lines:
/// a profile name from a file or text a server sent cannot carry terminal control sequences, nor
/// forge log lines.
struct TerminalSafeLogHandler: LogHandler {
    var wrapped: any LogHandler

    init(_ wrapped: any LogHandler) { self.wrapped = wrapped }

    func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: MessageText.escaped(event.message.description))
        event.metadata = event.metadata.map(Self.escaped)
        wrapped.log(event: event)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map(Self.escaped) }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = Self.escaped(newValue) }
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    private static func escaped(_ metadata: Logger.Metadata) -> Logger.Metadata {
        Logger.Metadata(uniqueKeysWithValues: metadata.map { (MessageText.escaped($0.key), escaped($0.value)) })
    }

    private static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(MessageText.escaped(text))
        case .stringConvertible(let item): .string(MessageText.escaped(item.description))
        case .array(let items): .array(items.map(escaped))
        case .dictionary(let items): .dictionary(escaped(items))
        }
    }
}
