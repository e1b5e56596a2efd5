/// Builds providers of one kind from profile entries. Register one with ``AuthProviderRegistry``.
///
/// ```swift
/// struct CommandProviderFactory: AuthProviderFactory {
///     let kind = "command"
///     let summary = "Runs a program that prints a token."
///     let settings = [ProviderSetting("command", .stringArray, required: true, summary: "The program and its arguments.")]
///     func makeProvider(context: ProviderContext) throws -> any AuthProvider { ... }
/// }
/// ```
public protocol AuthProviderFactory: Sendable {
    /// The string users write as `"provider"` in profiles.
    var kind: String { get }
    /// One line describing the provider.
    var summary: String { get }
    /// The settings its profile entries take (besides the common ones in ``ProfileOptions``).
    var settings: [ProviderSetting] { get }
    /// Builds a provider for one profile. Must not touch the network; may read files and keys.
    /// - Throws: ``ConfigurationError`` naming the file and JSON path of what is wrong.
    func makeProvider(context: ProviderContext) throws -> any AuthProvider
}
