import BoxAuth
import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import PostgresNIO
import Testing

/// One way to reach the test server: the host the URL names, its `sslmode`, and the trust roots
/// its `sslrootcert` names.
///
/// The test server (`scripts/postgres-cluster.sh`) presents a certificate for `localhost` and
/// `127.0.0.1` signed by a throwaway CA, and also listens on `127.0.0.2`, which the certificate
/// does not name.
struct TLSEndpoint: Sendable, CustomTestStringConvertible {
    /// What `sslrootcert` names.
    enum Roots: String, Sendable {
        /// No `sslrootcert`: the system's trust roots, which do not trust the throwaway CA.
        case system
        /// The CA that signed the server's certificate (`BOX_AUTH_TEST_POSTGRES_CA`).
        case testCA
        /// Another CA (the committed `Keys/certificate.pem`), which did not sign it.
        case otherCA
    }

    /// The host written in the URL.
    let host: String
    /// The URL's `sslmode`, or nil for none.
    let mode: String?
    /// What `sslrootcert` names.
    let roots: Roots

    /// A password in every URL, which the server never asks for (it trusts the loopback): the
    /// tests check that no error or log line repeats it.
    static let password = "tls-test-password-7QzK"

    /// E.g. `localhost sslmode=verify-full sslrootcert=testCA`.
    var testDescription: String { "\(host) sslmode=\(mode ?? "(none)") sslrootcert=\(roots.rawValue)" }

    /// The URL of `database` through this endpoint, with ``password``.
    /// - Throws: `TestDatabaseError` without the CA variable (under CI a failure, not a skip).
    func url(_ database: TestDatabase) throws -> PostgresCacheURL {
        var items: [URLQueryItem] = []
        if let mode { items.append(URLQueryItem(name: "sslmode", value: mode)) }
        switch roots {
        case .system: break
        case .testCA: items.append(URLQueryItem(name: "sslrootcert", value: try TestDatabase.certificateAuthority()))
        case .otherCA:
            items.append(URLQueryItem(name: "sslrootcert", value: try Fixtures.url("Keys/certificate.pem").path))
        }
        var components = try #require(URLComponents(string: try database.urlString(host: host, queryItems: items)))
        components.password = Self.password
        return try PostgresCacheURL(try #require(components.string))
    }

    /// What the server says of the session `configuration` opens: `[true]` when it is encrypted.
    static func encryption(_ configuration: PostgresConnection.Configuration) async throws -> [Bool] {
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: TestDatabase.quietLogger)
        do {
            let encryption = try await encryption(on: connection)
            try? await connection.close()
            return encryption
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// `pg_stat_ssl.ssl` of `connection`'s own session (one row).
    static func encryption(on connection: PostgresConnection) async throws -> [Bool] {
        var values: [Bool] = []
        let rows = try await connection.query(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: TestDatabase.quietLogger)
        for try await ssl in rows.decode(Bool.self) { values.append(ssl) }
        return values
    }
}
