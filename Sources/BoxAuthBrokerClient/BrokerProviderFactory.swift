public import BoxAuth
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds `broker` providers: tokens from the local token broker (`box-auth serve`), through its
/// Unix socket or its loopback TCP listener, so that this process holds no Box credentials.
///
/// ```json
/// "service": { "provider": "broker", "profile": "service", "socket": "/run/user/1000/box-auth/broker.sock" }
/// "web":     { "provider": "broker", "profile": "service", "url": "http://127.0.0.1:8765",
///              "tokenFile": "secrets/web.token" }
/// ```
///
/// Exactly one of `socket` and `url` is set. `url` is `http://` on a loopback host with a port and
/// needs `tokenFile`, a file only its owner can write holding the secret of a client in the broker's
/// policy (sent as `Authorization: Bearer`); on the socket the broker knows the caller by its user
/// ID, so `tokenFile` is refused there. Relative paths are relative to the profiles file's folder.
public struct BrokerProviderFactory: AuthProviderFactory {
    /// `broker`.
    public static let kind = BrokerAuthProvider.kind

    /// Creates the factory.
    public init() {}

    /// `broker`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String {
        "Tokens from the local token broker (box-auth serve), which holds the credentials."
    }
    /// `profile` (required), `socket` or `url`, and `tokenFile` with `url`.
    public var settings: [ProviderSetting] {
        [
            ProviderSetting(
                "profile", .string, required: true, summary: "The profile's name in the broker's profiles file."),
            // A string, not a `.path`: validation refuses a `.path` that is not a regular file, and this is a socket.
            ProviderSetting(
                "socket", .string,
                summary: "The path of the broker's Unix socket (~ allowed; relative to the profiles file). "
                    + "Set this or 'url'."),
            ProviderSetting(
                "url", .string,
                summary: "The broker's TCP listener, http:// on a loopback host with a port (http://127.0.0.1:8765). "
                    + "Set this or 'socket'."),
            ProviderSetting(
                "tokenFile", .path,
                summary:
                    "With 'url': a file holding the secret of a client in the broker's policy (only you may write it)."),
        ]
    }

    /// Checks where the broker is, reads the token file for `url`, and builds the provider. Nothing
    /// is sent to the broker.
    /// - Throws: ``ConfigurationError`` naming the profiles file and the setting's JSON path.
    public func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        let settings = context.settings
        let profile = try settings.requiredString("profile")
        let connection = try connection(settings, context: context)
        let grant = BrokerTokenGrant(connection: connection, profile: profile, logger: context.logger)
        let location =
            switch connection.route {
            case .unixSocket(let path): "unix:" + path
            case .loopback(let url, _): url.absoluteString
            }
        return BrokerAuthProvider(
            grant: grant, cache: context.tokenCache(for: grant, cacheKey: [Self.kind, location, profile]))
    }

    private func connection(
        _ settings: ProfileSettings, context: ProviderContext
    ) throws(ConfigurationError) -> BrokerConnection {
        let socket = try settings.string("socket")
        let urlText = try settings.string("url")
        switch (socket, urlText) {
        case (nil, nil):
            throw settings.missing(
                "socket",
                what: "'socket' or 'url' (where the token broker listens: its Unix socket or its TCP listener)")
        case (.some, .some):
            throw settings.invalid(
                "url", "'socket' and 'url' are both set; the broker is reached through one of them.",
                hint: "Keep 'socket' for the broker's Unix socket, or 'url' (with 'tokenFile') for its TCP listener.")
        case (let socket?, nil):
            if settings.contains("tokenFile") {
                throw settings.invalid(
                    "tokenFile",
                    "'tokenFile' is for a broker reached by 'url'; on its socket the broker knows you by your user ID.",
                    hint: "Remove 'tokenFile', or use 'url' instead of 'socket'.")
            }
            let path = FilePaths.resolve(socket, relativeTo: settings.baseDirectory).path
            if path.utf8.count >= Self.socketPathCapacity {
                throw settings.invalid(
                    "socket",
                    "the socket path \(MessageText.quoted(path)) is \(path.utf8.count) bytes; a Unix socket address holds at most \(Self.socketPathCapacity - 1).",
                    hint: "Give the broker a shorter socket path (box-auth serve --socket PATH).")
            }
            return BrokerConnection(socketPath: path, timeout: context.options.timeout)
        case (nil, let text?):
            guard let url = URL(string: text) else {
                throw settings.invalid(
                    "url", "\(MessageText.quoted(text)) is not a URL.", hint: "Write http://127.0.0.1:PORT.")
            }
            if let problem = BrokerAuthProvider.problem(withLoopbackURL: url) {
                throw settings.invalid("url", problem.message, hint: problem.hint)
            }
            guard settings.contains("tokenFile") else {
                throw settings.missing(
                    "tokenFile", what: "'tokenFile' (with 'url': the file holding your client's secret for the broker)")
            }
            let secret = try tokenFileSecret(settings)
            return BrokerConnection(
                route: .loopback(url, secret: secret), transport: context.transport, timeout: context.options.timeout)
        }
    }

    /// The secret in `tokenFile`, read as `{"file": ...}` secrets are: a regular file that only its
    /// owner (you or root) can write, UTF-8 under 1 MiB, one trailing newline dropped.
    private func tokenFileSecret(_ settings: ProfileSettings) throws(ConfigurationError) -> Secret {
        let path = try settings.requiredString("tokenFile")
        let secret = try SecretReference.file(path).resolve(
            environment: settings.environment, baseDirectory: settings.baseDirectory, file: settings.file,
            path: settings.path.appending("tokenFile"))
        let trimmed = secret.exposedValue.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw settings.invalid(
                "tokenFile", "the token file is empty.", hint: "Put your client's secret for the broker in it.")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw settings.invalid(
                "tokenFile", "the token file holds more than one line or control characters.",
                hint: "Put only your client's secret for the broker in it.")
        }
        return Secret(trimmed)
    }

    /// The bytes a Unix socket address holds for its path, the terminating NUL included.
    private static let socketPathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
}
