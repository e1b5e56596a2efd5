import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's CSPRNG.
package enum SecureRandom {
    /// `count` random bytes.
    /// - Throws: ``RSAKeyError`` with ``RSAKeyError/Code/cryptoFailure`` if the CSPRNG fails.
    package static func bytes(count: Int) throws(RSAKeyError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw .cryptoFailure("make random bytes") }
        return bytes
    }

    /// `byteCount` random bytes as lowercase hex (twice as many characters).
    package static func hex(byteCount: Int) throws(RSAKeyError) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(byteCount * 2)
        for byte in try bytes(count: byteCount) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
