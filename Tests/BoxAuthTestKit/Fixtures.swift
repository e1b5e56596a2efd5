public import Foundation

/// Test-only fixture files shipped with this target: RSA keys in every PEM form, negative-case keys
/// and a Box-style `config.json`.
///
/// Paths are relative to the `Fixtures` folder, e.g. `Keys/rsa2048-pkcs8-pbes2-des3-sha1.pem` (the
/// format the Box Developer Console downloads) or `box_config.json`. `Fixtures/Keys/README.md`
/// lists every file and the commands that made it. The keys are never used anywhere real.
///
/// ```swift
/// let pem = try Fixtures.text("Keys/rsa2048-pkcs8-pbes2-des3-sha1.pem")
/// let key = try RSAPrivateKey(pem: pem, passphrase: Secret(Fixtures.passphrase))
/// ```
public enum Fixtures {
    /// The passphrase of every encrypted fixture key, and of `box_config.json`.
    public static let passphrase = "test-only-passphrase"

    /// Why a fixture could not be found or read.
    public struct MissingFixture: Error, CustomStringConvertible {
        /// The path that was asked for, relative to the `Fixtures` folder.
        public let relativePath: String
        /// Names the missing fixture.
        public var description: String { "no test fixture at 'Fixtures/\(relativePath)'" }
    }

    /// The file URL of the fixture at `relativePath` inside the `Fixtures` folder.
    /// - Throws: ``MissingFixture`` when there is no such file.
    public static func url(_ relativePath: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw MissingFixture(relativePath: relativePath)
        }
        let url = folder.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(relativePath: relativePath) }
        return url
    }

    /// The UTF-8 text of the fixture at `relativePath` inside the `Fixtures` folder.
    /// - Throws: ``MissingFixture`` when there is no such file, or the read error.
    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }
}
