/// SHA-256 of a cache key, as hex: file names that reveal nothing of the key.
package enum CacheKeyHash {
    /// The SHA-256 of `text`'s UTF-8, as 64 lowercase hex digits.
    package static func hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256Digest.digest(Array(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
