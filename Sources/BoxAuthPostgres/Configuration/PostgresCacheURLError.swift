import BoxAuth

/// A `cacheURL` that cannot be used; the message never repeats the URL's password.
public struct PostgresCacheURLError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. "has no host".
    public let problem: String

    init(_ problem: String) { self.problem = problem }

    /// One sentence saying what to write.
    public var description: String {
        "the PostgreSQL URL \(problem). Write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=verify-full."
    }
}
