import Foundation
import PostgresNIO

extension PostgresCacheURL {
    /// Checks that `sslrootcert` names a readable PEM file holding at least one certificate, so a
    /// wrong path is reported by name before connecting (NIOSSL's own errors name no file, and a
    /// pool would only fail its connections later).
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
        guard FileManager.default.isReadableFile(atPath: path),
            let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty
        else {
            throw .init(
                "has sslrootcert=\(path), which cannot be read as PEM certificates; name the CA's PEM file "
                    + "(-----BEGIN CERTIFICATE-----)")
        }
    }
}
