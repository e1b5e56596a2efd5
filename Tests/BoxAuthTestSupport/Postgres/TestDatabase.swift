import BoxAuth
public import BoxAuthPostgres
public import Foundation
public import Logging
public import PostgresNIO

/// A database of its own for one test, on the server `BOX_AUTH_TEST_POSTGRES_URL` names (the
/// cluster `scripts/postgres-cluster.sh` starts, or `.ci/run`'s), so tests run in parallel.
///
/// Without the variable, PostgreSQL tests are skipped locally (``isAvailable`` is false) and fail
/// under CI (`CI` set): ``create()`` throws and says how to start a cluster.
/// ```swift
/// @Test(.enabled(if: TestDatabase.shouldRun))
/// func sharesTokens() async throws {
///     let database = try await TestDatabase.create()
///     let store = try PostgresTokenStore(url: database.url, key: ["k"], appSecret: Secret("s"))
/// }
/// ```
public struct TestDatabase: Sendable {
    /// The database's URL, as profiles write it.
    public let urlString: String
    /// The database's name.
    public let name: String

    /// The URL, parsed.
    public var url: PostgresCacheURL {
        get throws { try PostgresCacheURL(urlString) }
    }

    /// The server's URL, if the environment names one.
    public static var serverURL: String? {
        ProcessInfo.processInfo.environment["BOX_AUTH_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the tests run here: a server is named, or CI requires them (and they fail without one).
    public static var shouldRun: Bool { serverURL != nil || isCI }

    /// The PEM file of the CA that signed the server's certificate (`BOX_AUTH_TEST_POSTGRES_CA`, which
    /// `scripts/postgres-cluster.sh start` exports), if the environment names one.
    public static var certificateAuthorityPath: String? {
        ProcessInfo.processInfo.environment["BOX_AUTH_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the TLS tests run here: a server and its CA are named, or CI requires them (and they
    /// fail without them). A server of one's own, named without a CA, skips them locally.
    public static var shouldRunTLS: Bool { (serverURL != nil && certificateAuthorityPath != nil) || isCI }

    /// ``certificateAuthorityPath``, required.
    /// - Throws: ``TestDatabaseError`` when the variable is not set (under CI: a failure, not a skip).
    public static func certificateAuthority() throws -> String {
        guard let certificateAuthorityPath else {
            throw TestDatabaseError(
                "BOX_AUTH_TEST_POSTGRES_CA is not set, and the TLS tests need the test server's CA. "
                    + "Start a cluster with: eval \"$(scripts/postgres-cluster.sh start)\"")
        }
        return certificateAuthorityPath
    }

    private static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Creates an empty database named `box_auth_test_<random>`.
    /// - Throws: ``TestDatabaseError`` without a server URL; postgres-nio's errors when it cannot connect.
    public static func create() async throws -> TestDatabase {
        guard let serverURL else { throw TestDatabaseError() }
        let server = try PostgresCacheURL(serverURL)
        let name = "box_auth_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try await withConnection(server) { connection in
            for try await _ in try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: quietLogger)
            {}
        }
        var components = URLComponents(string: serverURL)
        components?.path = "/\(name)"
        // A busy machine (the whole suite in parallel on 2 cores) can take seconds to connect.
        let items = components?.queryItems ?? []
        components?.queryItems = items + [URLQueryItem(name: "connect_timeout", value: "60")]
        return TestDatabase(urlString: components?.string ?? serverURL, name: name)
    }

    /// This database's URL with `host` in place of the server's and `queryItems` added (an item
    /// replaces the URL's items of the same name; the others, such as `connect_timeout`, stay).
    ///
    /// ```swift
    /// let text = try database.urlString(
    ///     host: "localhost", queryItems: [.init(name: "sslmode", value: "verify-full"),
    ///                                     .init(name: "sslrootcert", value: try TestDatabase.certificateAuthority())])
    /// ```
    /// - Parameters:
    ///   - host: A host name or an IPv4 address (the server's port is kept).
    ///   - queryItems: Parameters such as `sslmode` and `sslrootcert`.
    /// - Throws: ``TestDatabaseError`` when the URL cannot be rebuilt.
    public func urlString(host: String, queryItems: [URLQueryItem]) throws -> String {
        guard var components = URLComponents(string: urlString) else {
            throw TestDatabaseError("the test database's URL does not parse")
        }
        components.host = host
        let replaced = Set(queryItems.map(\.name))
        components.queryItems = (components.queryItems ?? []).filter { !replaced.contains($0.name) } + queryItems
        guard let text = components.string else { throw TestDatabaseError("the URL for host \(host) does not build") }
        return text
    }

    /// Runs `body` on a connection to this database.
    public func withConnection<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await Self.withConnection(try url, body)
    }

    /// Runs `sql` and returns the first column of every row as text.
    public func column(_ sql: String) async throws -> [String] {
        try await withConnection { connection in
            var values: [String] = []
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.quietLogger)
                .decode(String.self)
            {
                values.append(value)
            }
            return values
        }
    }

    /// Runs `sql`.
    public func execute(_ sql: String) async throws {
        try await withConnection { connection in
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.quietLogger) {}
        }
    }

    /// Runs `statements` in a transaction on a connection of its own (another session), then
    /// `body` while that transaction stays open, holding the locks the statements took (`LOCK
    /// TABLE ...`), then rolls it back.
    public func whileHolding<Result: Sendable>(
        _ statements: [String], _ body: () async throws -> Result
    ) async throws -> Result {
        try await withConnection { connection in
            for statement in ["BEGIN"] + statements {
                for try await _ in try await connection.query(
                    PostgresQuery(unsafeSQL: statement), logger: Self.quietLogger)
                {}
            }
            let result: Result
            do { result = try await body() } catch {
                for try await _ in try await connection.query("ROLLBACK", logger: Self.quietLogger) {}
                throw error
            }
            for try await _ in try await connection.query("ROLLBACK", logger: Self.quietLogger) {}
            return result
        }
    }

    public static let quietLogger = Logger(label: "box-auth.test-database", factory: { _ in SwiftLogNoOpLogHandler() })

    private static func withConnection<Result: Sendable>(
        _ url: PostgresCacheURL, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await PostgresConnector.direct(try url.connectionConfiguration()).withConnection(
            logger: quietLogger, body)
    }
}

/// No PostgreSQL server (or no CA for its TLS) for tests that must run (under CI).
public struct TestDatabaseError: Error, CustomStringConvertible {
    /// What is missing and how to get it.
    public let description: String

    /// No server URL.
    public init() {
        self.init(
            "BOX_AUTH_TEST_POSTGRES_URL is not set, and CI requires the PostgreSQL tests. "
                + "Start a cluster with: eval \"$(scripts/postgres-cluster.sh start)\"")
    }

    /// Something else the tests need.
    init(_ description: String) { self.description = description }
}
