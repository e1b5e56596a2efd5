public import BoxAuth

/// The OS keyring did not do what a `keyring` token store asked: it did not answer in time, could
/// not be reached, refused, or its tool is missing.
///
/// The message names the keyring and says how to choose plain files instead
/// (`box-auth login --store file`, or `"cache": "file"`): box-auth never falls back to them on
/// its own. It never holds a token or any secret.
public struct KeyringError: BoxAuthError, Hashable {
    private enum Code: Hashable, Sendable {
        case timedOut
        case unavailable
        case toolMissing
    }

    private let code: Code
    /// The message: what happened, to which keyring, and what to do.
    public let description: String

    /// ``BoxAuthErrorCategory/configuration`` when the keyring's tool is missing (the CLI exits 2),
    /// else ``BoxAuthErrorCategory/unavailable`` (it exits 4).
    public var category: BoxAuthErrorCategory { code == .toolMissing ? .configuration : .unavailable }

    /// Whether the keyring did not answer before the deadline.
    public var isTimeout: Bool { code == .timedOut }

    /// How to leave the keyring out, in every message.
    static let fileHint =
        "To keep tokens in a 0600 file instead, sign in with `box-auth login --store file` or set \"cache\": \"file\" in the profile."

    /// `keyring` did not answer within `timeout`.
    package static func timedOut(_ keyring: String, timeout: Duration) -> Self {
        Self(
            code: .timedOut,
            description: "\(keyring) did not answer within \(TokenStoreError.seconds(timeout)) s, so box-auth stopped "
                + "waiting. Check that a keyring daemon runs in this session and is unlocked (keyringTimeout sets the "
                + "deadline). \(fileHint)")
    }

    /// `keyring` failed, saying `detail` (no secret in it).
    package static func unavailable(_ keyring: String, detail: String) -> Self {
        Self(
            code: .unavailable,
            description: "\(keyring) could not be used: \(detail). Check that a keyring daemon runs in this session "
                + "and is unlocked. \(fileHint)")
    }

    /// The keyring's command-line tool `tool` is not installed.
    package static func toolMissing(_ keyring: String, tool: String, package: String) -> Self {
        Self(
            code: .toolMissing,
            description: "\(keyring) needs `\(tool)`, which was not found on the PATH. Install it (Debian and Ubuntu: "
                + "apt-get install \(package)). \(fileHint)")
    }
}
