/// The JWS signature algorithms Box accepts for assertions.
public enum JWTAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (the default).
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"

    /// The digest the signature is made over.
    @_spi(Plumbing) public var digest: SignatureDigest {
        switch self {
        case .rs256: .sha256
        case .rs384: .sha384
        case .rs512: .sha512
        }
    }
}
