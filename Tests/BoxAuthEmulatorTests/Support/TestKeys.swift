import BoxAuth

/// RSA keys generated once per test process (generation takes a moment on a small machine).
enum TestKeys {
    /// The key registered with the test app.
    static let primary = Result { () throws(RSAKeyError) in try RSAPrivateKey.generate(bits: 2048) }
    /// A key the test app does not know, for bad-signature and second-key cases.
    static let other = Result { () throws(RSAKeyError) in try RSAPrivateKey.generate(bits: 2048) }
}
