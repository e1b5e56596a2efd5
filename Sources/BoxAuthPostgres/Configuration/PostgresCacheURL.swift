public import BoxAuth
import Foundation
public import PostgresNIO

/// A libpq-style connection URL, `postgres://user:password@host:port/database?sslmode=require`, read
/// into postgres-nio's configuration.
///
/// - `sslmode`: `disable` (plain TCP), `require` (TLS, certificate not checked, as libpq does),
///   `verify-ca` (TLS, certificate checked against the trust roots, host name not), `verify-full`
///   (TLS, certificate and host name checked). `sslrootcert=/path/ca.pem` sets the trust roots
///   (default: the system's); as in libpq, `require` with an `sslrootcert` checks the certificate
///   like `verify-ca`. `prefer` and `allow` are refused: they fall back to plain TCP silently.
/// - `verify-full` checks a host name against the certificate's DNS names and an IP address (as in
///   `postgres://user@10.0.0.5/db`) against its IP address names (`subjectAltName=IP:10.0.0.5`).
/// - Without `sslmode`, a loopback host (`localhost`, `127.0.0.1`, `::1`) connects without TLS; any
///   other host is an error asking for `sslmode=verify-full` (or `require`, or an explicit `disable`).
/// - `options` is passed to the server as its startup `options` (e.g. `-csearch_path=tenant_a`);
///   `connect_timeout` (whole seconds, 1 to 3600) bounds connecting. Other parameters are errors.
///
/// The URL holds a password: it is never printed; ``description`` shows host, port and database.
public struct PostgresCacheURL: Sendable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP.
        case disable
        /// TLS; the server's certificate is not checked (with `sslrootcert`, its chain is, as in libpq).
        case require
        /// TLS; the certificate must chain to a trust root; the host name is not checked.
        case verifyCA = "verify-ca"
        /// TLS; certificate and host name are checked.
        case verifyFull = "verify-full"
    }

    /// The server's host name or address.
    public let host: String
    /// The server's port (default 5432).
    public let port: Int
    /// The user to sign in as.
    public let username: String
    /// The user's password, if any.
    public let password: Secret?
    /// The database (default: the user's name).
    public let database: String?
    /// How the connection is encrypted.
    public let tlsMode: TLSMode
    /// A PEM file of trust roots for `verify-ca` and `verify-full` (nil: the system's).
    public let rootCertificatePath: String?
    /// The server's startup `options`, if any.
    public let serverOptions: String?
    /// How long to wait for a connection.
    public let connectTimeout: Duration
    /// Whether the URL sets `connect_timeout` itself (then connecting may take it, even when it
    /// is longer than the store's lock timeout).
    let hasExplicitConnectTimeout: Bool

    /// Reads `text`.
    /// - Throws: ``PostgresCacheURLError`` saying what is wrong, never repeating the password.
    public init(_ text: String) throws(PostgresCacheURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw .init("is not a postgres:// URL") }
        guard let host = components.host, !host.isEmpty else { throw .init("has no host") }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.host = bareHost
        port = components.port ?? 5432
        guard let user = components.user, !user.isEmpty else { throw .init("has no user name (postgres://USER@host)") }
        username = user.removingPercentEncoding ?? user
        password = components.password.map { Secret($0.removingPercentEncoding ?? $0) }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : (path.removingPercentEncoding ?? path)
        var mode: TLSMode?
        var rootCertificate: String?
        var options: String?
        var timeout = Duration.seconds(10)
        var explicitTimeout = false
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let parsed = TLSMode(rawValue: value) else {
                    throw .init(
                        "has sslmode=\(value); use disable, require, verify-ca or verify-full "
                            + "(prefer and allow may fall back to plain TCP)")
                }
                mode = parsed
            case "sslrootcert": rootCertificate = value
            case "options": options = value
            case "connect_timeout":
                guard let seconds = Int(value), (1...3600).contains(seconds) else {
                    throw .init("has a connect_timeout that is not a whole number of seconds from 1 to 3600")
                }
                timeout = .seconds(seconds)
                explicitTimeout = true
            default:
                throw .init(
                    "has the unknown parameter '\(item.name)' (known: sslmode, sslrootcert, options, connect_timeout)")
            }
        }
        let isLoopback = ["localhost", "127.0.0.1", "::1"].contains(bareHost.lowercased())
        if mode == nil, !isLoopback {
            throw .init(
                "names the non-loopback host \(bareHost) without sslmode; add ?sslmode=verify-full "
                    + "(or require, or disable to send tokens unencrypted on purpose)")
        }
        tlsMode = mode ?? .disable
        rootCertificatePath = rootCertificate
        serverOptions = options
        connectTimeout = timeout
        hasExplicitConnectTimeout = explicitTimeout
    }

    /// Host, port and database; never the user's password.
    public var description: String {
        "postgres://\(username)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database ?? "") (sslmode=\(tlsMode.rawValue))"
    }

    /// The TLS configuration `tlsMode` asks for, or nil for plain TCP.
    ///
    /// `require` with an `sslrootcert` checks the certificate's chain (not the host name), as libpq does.
    public func tlsConfiguration() -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch tlsMode {
        case .disable: return nil
        case .require: tls.certificateVerification = rootCertificatePath == nil ? .none : .noHostnameVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let rootCertificatePath { tls.trustRoots = .file(rootCertificatePath) }
        return tls
    }

    /// A configuration for one connection.
    /// - Throws: ``PostgresCacheURLError`` when `sslrootcert` is not a readable PEM file; NIOSSL's
    ///   error when the TLS context cannot be made.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        try checkRootCertificate()
        let tls: PostgresConnection.Configuration.TLS =
            try tlsConfiguration().map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password?.exposedValue, database: database,
            tls: tls)
        configuration.options.connectTimeout = .nanoseconds(connectTimeout.components.seconds * 1_000_000_000)
        if let serverOptions { configuration.options.additionalStartupParameters = [("options", serverOptions)] }
        return configuration
    }

    /// A configuration for a pooled ``PostgresClient``.
    /// - Throws: ``PostgresCacheURLError`` when `sslrootcert` is not a readable PEM file (the pool
    ///   would otherwise only fail its connections, after `connect_timeout`, with no file named).
    public func clientConfiguration() throws(PostgresCacheURLError) -> PostgresClient.Configuration {
        try checkRootCertificate()
        let tls: PostgresClient.Configuration.TLS = tlsConfiguration().map { .require($0) } ?? .disable
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password?.exposedValue, database: database,
            tls: tls)
        configuration.options.connectTimeout = connectTimeout
        if let serverOptions { configuration.options.additionalStartupParameters = [("options", serverOptions)] }
        return configuration
    }
}
