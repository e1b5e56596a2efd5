@_spi(Plumbing) import BoxAuth
import Foundation
import FuzzDriver

/// The process entry point (see ``LibFuzzerDriver``).
@_cdecl("FuzzPrivateKey_main")
public func fuzzPrivateKeyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzerDriver.run(argc, argv, fuzzPrivateKey)
}

/// libFuzzer entry point: one input is PEM text, loaded without a passphrase and with the fixtures'
/// passphrase.
///
/// Every input must end in a key or an ``RSAKeyError``; a loaded key must be RSA, at least 2048 bits,
/// and able to sign.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrivateKey(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: start == nil ? 0 : count), as: UTF8.self)
    for passphrase in [nil, Secret("test-only-passphrase")] {
        do {
            let key = try RSAPrivateKey(pem: text, passphrase: passphrase)
            guard key.bitCount >= RSAPrivateKey.minimumBits else { fatalError("accepted a \(key.bitCount)-bit key") }
            _ = try key.sign(Array("header.claims".utf8), digest: .sha256)
        } catch {
            let plain = !error.description.unicodeScalars.contains { $0.properties.generalCategory == .control }
            guard plain else { fatalError("not one plain paragraph: \(error)") }
        }
    }
    return 0
}
