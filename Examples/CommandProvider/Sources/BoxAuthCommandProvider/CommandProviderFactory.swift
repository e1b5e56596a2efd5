public import BoxAuth

/// Builds `command` providers: tokens printed by an external program, such as a password manager.
///
/// ```json
/// "vault": { "provider": "command", "command": ["op", "read", "op://Box/token/json"], "timeout": 10 }
/// ```
/// The program must print `{"access_token": "...", "expires_in": 3600}` on standard output and exit 0.
/// Register the kind next to the built-ins:
/// ```swift
/// var registry = AuthProviderRegistry.standard
/// try registry.register(CommandProviderFactory())
/// ```
public struct CommandProviderFactory: AuthProviderFactory {
    /// `command`.
    public static let kind = "command"

    /// Creates the factory.
    public init() {}

    /// `command`.
    public var kind: String { Self.kind }
    /// One line for `providers` listings.
    public var summary: String { "Runs a program that prints {\"access_token\", \"expires_in\"} as JSON." }
    /// `command` (required). The common `timeout` setting bounds the program's run time.
    public var settings: [ProviderSetting] {
        [ProviderSetting("command", .stringArray, required: true, summary: "The program and its arguments.")]
    }

    /// Reads the command and builds the provider; the program runs only when a token is needed.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        guard let command = try context.settings.strings("command"), let program = command.first, !program.isEmpty
        else {
            throw context.settings.missing("command", what: "'command' (the program and its arguments)")
        }
        let fetcher = CommandTokenFetcher(command: command, timeout: context.options.timeout, logger: context.logger)
        return CommandAuthProvider(
            fetcher: fetcher, cache: context.tokenCache(for: fetcher, cacheKey: ["command"] + command))
    }
}
