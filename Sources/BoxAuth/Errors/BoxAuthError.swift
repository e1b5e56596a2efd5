/// What kind of failure an error is, which decides how a caller (or the CLI's exit code) reacts.
public enum BoxAuthErrorCategory: Sendable, Hashable {
    /// The profiles file, Box `config.json`, a secret reference or a key is wrong. Fix the input.
    case configuration
    /// The token endpoint answered and refused the request (bad credentials, unauthorized app, claims).
    case refused
    /// The network failed or the server could not answer usefully. Trying again later may work.
    case unavailable
}

/// An error raised by swift-box-auth: it knows its category and renders one actionable paragraph.
///
/// Every error text says what went wrong, where (file, JSON path, HTTP status) and what to do. No
/// error text ever contains a secret.
public protocol BoxAuthError: Error, Sendable, CustomStringConvertible {
    /// The broad kind of failure, used for exit codes and retry decisions.
    var category: BoxAuthErrorCategory { get }
}
