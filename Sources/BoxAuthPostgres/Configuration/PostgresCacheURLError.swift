import BoxAuth

/// A `cacheURL` that cannot be used; the message never repeats the URL's password.
public struct PostgresCacheURLError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. "has no host".
    public let problem: String

    /// What to do, when it is not to rewrite the URL.
    let fix: String?

    init(_ problem: String, fix: String? = nil) {
        self.problem = problem
        self.fix = fix
    }

    /// The problem and what to do: by default, how to write the URL.
    public var description: String {
        "the PostgreSQL URL \(problem). "
            + (fix ?? "Write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=verify-full.")
    }
}
