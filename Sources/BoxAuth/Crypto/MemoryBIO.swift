import COpenSSL

/// Runs an OpenSSL writer into a memory BIO and returns what it wrote as text.
enum MemoryBIO {
    static func write(_ writer: (OpaquePointer) -> Int32) throws(RSAKeyError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .cryptoFailure("allocate a buffer") }
        defer { BIO_free(bio) }
        guard writer(bio) == 1 else { throw .cryptoFailure("encode the key") }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = box_auth_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { throw .cryptoFailure("read the encoded key") }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }
}
