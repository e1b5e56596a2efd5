/// base64url without padding (RFC 7515 §2), as JWS compact serialization uses.
///
/// Both directions work on bytes with lookup tables: the emulator decodes every assertion twice and
/// every provider encodes one per refresh, so neither goes through Foundation's string search.
@_spi(Plumbing) public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The 6-bit value of each base64url character; 0xFF for every other byte.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes.
    public static func encode(_ bytes: some Collection<UInt8>) -> String { encoded(bytes) }

    /// Encodes an array of bytes: the form other modules call (an assertion's parts), compiled
    /// here for arrays, since a generic call across modules is not specialized.
    public static func encode(_ bytes: [UInt8]) -> String { encoded(bytes) }

    private static func encoded(_ bytes: some Collection<UInt8>) -> String {
        let count = bytes.count
        let length = count / 3 * 4 + [0, 2, 3][count % 3]
        return String(unsafeUninitializedCapacity: length) { output in
            alphabet.withUnsafeBufferPointer { alphabet in
                var written = 0
                var iterator = bytes.makeIterator()
                var remaining = count
                while remaining >= 3, let first = iterator.next(), let second = iterator.next(),
                    let third = iterator.next()
                {
                    let value = UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
                    output[written] = alphabet[Int(value >> 18 & 0x3f)]
                    output[written + 1] = alphabet[Int(value >> 12 & 0x3f)]
                    output[written + 2] = alphabet[Int(value >> 6 & 0x3f)]
                    output[written + 3] = alphabet[Int(value & 0x3f)]
                    written += 4
                    remaining -= 3
                }
                if remaining > 0, let first = iterator.next() {
                    let second = remaining == 2 ? iterator.next() ?? 0 : 0
                    let value = UInt32(first) << 16 | UInt32(second) << 8
                    output[written] = alphabet[Int(value >> 18 & 0x3f)]
                    output[written + 1] = alphabet[Int(value >> 12 & 0x3f)]
                    written += 2
                    if remaining == 2 {
                        output[written] = alphabet[Int(value >> 6 & 0x3f)]
                        written += 1
                    }
                }
                return written
            }
        }
    }

    /// Decodes unpadded base64url text, or nil when it is not base64url (padding, whitespace, the
    /// standard alphabet's `+` and `/`, or a length that leaves a single character over). Unused
    /// low bits of the last character are ignored.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var text = String(text)
        return text.withUTF8 { input -> [UInt8]? in
            guard input.count % 4 != 1 else { return nil }
            return values.withUnsafeBufferPointer { values -> [UInt8]? in
                var output = [UInt8]()
                output.reserveCapacity(input.count * 3 / 4)
                var accumulator: UInt32 = 0
                var bits = 0
                for character in input {
                    let value = values[Int(character)]
                    guard value != 0xFF else { return nil }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                    }
                }
                return output
            }
        }
    }
}
