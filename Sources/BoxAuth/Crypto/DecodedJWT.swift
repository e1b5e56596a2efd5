import Foundation

/// A compact JWS taken apart for checking: header and claims as JSON, the signature bytes.
///
/// Used by the emulator (which checks what Box checks) and by tests.
package struct DecodedJWT: Sendable {
    /// Why a token could not be taken apart.
    package struct FormatError: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the token's form.
        package let description: String
    }

    /// The header's members (`alg`, `kid`, `typ`).
    package let header: [String: JSONValue]
    /// The claims' members.
    package let claims: [String: JSONValue]
    /// The bytes that were signed: `base64url(header) + "." + base64url(claims)`.
    package let signingInput: [UInt8]
    /// The signature bytes.
    package let signature: [UInt8]

    /// Parses `compact`, without checking the signature.
    /// - Throws: ``FormatError`` when it is not three base64url parts of JSON objects.
    package init(compact: String) throws(FormatError) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw FormatError(description: "expected 3 dot-separated parts, found \(parts.count)")
        }
        guard let headerBytes = Base64URL.decode(parts[0]), let claimBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2])
        else { throw FormatError(description: "a part is not base64url") }
        guard let header = try? JSONDecoder().decode(JSONValue.self, from: Data(headerBytes)).objectValue else {
            throw FormatError(description: "the header is not a JSON object")
        }
        guard let claims = try? JSONDecoder().decode(JSONValue.self, from: Data(claimBytes)).objectValue else {
            throw FormatError(description: "the claims are not a JSON object")
        }
        self.header = header
        self.claims = claims
        self.signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
        self.signature = signature
    }

    /// The `alg` header, when it is one of RS256, RS384, RS512.
    package var algorithm: JWTAlgorithm? { header["alg"]?.stringValue.flatMap(JWTAlgorithm.init(rawValue:)) }

    /// Whether the signature verifies with `key` under the header's algorithm.
    package func isSignatureValid(with key: RSAPublicKey) -> Bool {
        guard let algorithm else { return false }
        return key.isValidSignature(signature, for: signingInput, digest: algorithm.digest)
    }
}
