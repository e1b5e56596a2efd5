import BoxAuth
import PostgresNIO

/// One row's identity: its primary key (SHA-256 of kind and cache key), its advisory lock ID (the
/// digest's first 8 bytes, big-endian, as a signed 64-bit integer), and the associated data its
/// ciphertext is bound to.
struct RowKey: Sendable {
    let digest: ByteBuffer
    let lockID: Int64
    let associatedData: [UInt8]

    init(kind: String, key: [String]) {
        let text = ([kind] + key).joined(separator: "\n")
        associatedData = Array(text.utf8)
        let hash = SHA256Digest.digest(associatedData)
        digest = ByteBuffer(bytes: hash)
        lockID = hash.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }
}
