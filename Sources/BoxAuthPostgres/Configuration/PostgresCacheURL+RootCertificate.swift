import BoxAuth
import Foundation
import PostgresNIO

extension PostgresCacheURL {
    /// Checks that `sslrootcert` names a readable PEM file holding at least one certificate, so a
    /// wrong path is reported by name before connecting (NIOSSL's own errors name no file, and a
    /// pool would only fail its connections later).
    ///
    /// The file must be owned by the user (or root) and writable by nobody else, as every file a
    /// profile names: whoever can write it decides which server box-auth trusts with the database's
    /// password and the tokens.
    ///
    /// Nothing is checked for `sslmode=disable` or without `sslrootcert`.
    /// - Throws: ``PostgresCacheURLError`` naming the path and what is wrong with it.
    func checkRootCertificate() throws(PostgresCacheURLError) {
        guard tlsMode != .disable, let path = rootCertificatePath else { return }
        guard !path.isEmpty else { throw .init("has an empty sslrootcert; name the CA's PEM file") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .init("has sslrootcert=\(path), which does not exist; name the CA's PEM file")
        }
        guard !isDirectory.boolValue else {
            throw .init("has sslrootcert=\(path), which is a folder; name the CA's PEM file")
        }
        do {
            try FilePermissionCheck.requireOwnedByUser(URL(fileURLWithPath: path))
        } catch {
            let problem = error.message.hasSuffix(".") ? String(error.message.dropLast()) : error.message
            throw .init("has sslrootcert=\(path): \(problem)", fix: error.hint)
        }
        guard FileManager.default.isReadableFile(atPath: path),
            let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty
        else {
            throw .init(
                "has sslrootcert=\(path), which cannot be read as PEM certificates; name the CA's PEM file "
                    + "(-----BEGIN CERTIFICATE-----)")
        }
    }
}
