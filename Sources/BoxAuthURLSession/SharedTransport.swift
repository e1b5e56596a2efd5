public import BoxAuth

/// The process-wide default transport: one long-lived ``URLSessionTransport``.
///
/// `AuthProviderRegistry.standard` (in `BoxAuthProviders`) and the `box-auth` tool use it.
public enum SharedTransport {
    /// Shared by every provider that is not given a transport.
    public static let `default`: any HTTPTransport = URLSessionTransport()
}
