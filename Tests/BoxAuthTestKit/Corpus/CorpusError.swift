/// A problem with the corpus itself (its manifest or a generator).
public struct CorpusError: Error, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// A problem described by `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
