import BoxAuth
import Foundation

/// An access token the emulator handed out, and what it stands for.
struct IssuedToken: Sendable {
    /// The app the token was issued to; nil for developer tokens made by the emulator itself.
    let clientID: String?
    /// Whom the token acts for.
    let subject: BoxSubject
    /// When the token stops working, on the emulator's clock.
    let expiresAt: Date
    /// What a downscoped token is restricted to (`restricted_to` items); empty for full tokens.
    var restrictedTo: [JSONValue] = []

    /// Whether the token still works at `now`.
    func isValid(at now: Date) -> Bool { now < expiresAt }

    /// A new random token value: 32 lowercase hex characters, like Box's 32-character tokens.
    static func randomValue() -> String {
        if let value = try? SecureRandom.hex(byteCount: 16) { return value }
        // OpenSSL's CSPRNG failed: the system generator is cryptographically secure too.
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let text = String(generator.next() as UInt32, radix: 16)
            return String(repeating: "0", count: 8 - text.count) + text
        }.joined()
    }
}
