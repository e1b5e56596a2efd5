/// The process-wide default transport: one long-lived `URLSession`.
public enum SharedTransport {
    /// Shared by every provider that is not given a transport.
    public static let `default`: any HTTPTransport = URLSessionTransport()
}
