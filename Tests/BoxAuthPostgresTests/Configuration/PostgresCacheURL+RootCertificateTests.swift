import BoxAuth
import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Testing

/// `sslrootcert` decides which server box-auth trusts with the database's password and the
/// tokens: another user who can write that file must not be able to choose it.
@Suite("PostgresCacheURL's sslrootcert file")
struct PostgresCacheURLRootCertificateTests {
    @Test("a CA file that other users may write is refused before connecting, naming it and the fix")
    func sharedWritable() async throws {
        try await TemporaryDirectory.with { directory in
            let ca = try directory.write("ca.pem", Data(contentsOf: Fixtures.url("Keys/certificate.pem")))
            let url = try PostgresCacheURL(
                "postgres://box:hunter2@localhost:5432/db?sslmode=verify-full&sslrootcert=\(ca.path)")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: ca.path)
            _ = try url.connectionConfiguration()

            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: ca.path)
            let error = try #require(throws: PostgresCacheURLError.self) { try url.connectionConfiguration() }
            #expect(error.description.contains("sslrootcert=\(ca.path)"))
            #expect(error.description.contains("writable by other users (mode 666)"))
            #expect(error.description.contains("chmod 600"))
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test("a CA file another user (nobody) owns is refused, naming the owner", .enabled(if: OtherUser.isAvailable))
    func otherOwner() async throws {
        try await TemporaryDirectory.with { directory in
            let ca = try directory.write("ca.pem", Data(contentsOf: Fixtures.url("Keys/certificate.pem")))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ca.path)
            try OtherUser.giveAway(ca)
            let url = try PostgresCacheURL(
                "postgres://box:hunter2@localhost:5432/db?sslmode=verify-full&sslrootcert=\(ca.path)")
            let error = try #require(throws: PostgresCacheURLError.self) { try url.clientConfiguration() }
            #expect(error.description.contains("nobody"))
            #expect(error.description.contains("sslrootcert=\(ca.path)"))
        }
    }
}
