import BoxAuth

/// Test-only RSA keys, generated once per run.
enum Keys {
    static let rsa2048 = generate(bits: 2048)
    static let rsa4096 = generate(bits: 4096)

    static func key(bits: Int) -> RSAPrivateKey { bits == 4096 ? rsa4096 : rsa2048 }

    private static func generate(bits: Int) -> RSAPrivateKey {
        do { return try RSAPrivateKey.generate(bits: bits) } catch { fatalError("cannot generate a \(bits)-bit key: \(error)") }
    }
}

extension Keys {
    static let bare2048 = bareSigner(rsa2048)
    static let bare4096 = bareSigner(rsa4096)

    static func bareSigner(bits: Int) -> BareSigner { bits == 4096 ? bare4096 : bare2048 }

    static func bareSigner(_ key: RSAPrivateKey) -> BareSigner {
        do { return try BareSigner(key) } catch { fatalError("\(error)") }
    }
}
