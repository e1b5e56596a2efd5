package import BoxAuth
package import Foundation

/// The secret a TCP caller presents as `Authorization: Bearer <secret>`: the content of a token
/// file (as AWS's `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), compared in constant time.
package struct BearerSecret: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]
    /// The file it was read from.
    package let file: URL

    /// The smallest secret accepted from a file: 128 bits written as 32 hexadecimal digits.
    package static let minimumLength = 32

    private init(bytes: [UInt8], file: URL) {
        self.bytes = bytes
        self.file = file
    }

    /// Reads the secret in `file` (its owner-only permissions checked, a trailing newline dropped).
    /// - Throws: ``ConfigurationError`` when the file is unreadable, unsafe or too short.
    package static func read(_ file: URL, referencedFrom: String? = nil, jsonPath: String? = nil) throws(ConfigurationError)
        -> BearerSecret
    {
        let data = try RegularFileReader.contents(
            of: file, limit: 4096, referencedFrom: referencedFrom, jsonPath: jsonPath)
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard text.utf8.count >= minimumLength, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ConfigurationError(
                code: .invalidValue,
                message: "the token file \(MessageText.quoted(file.path)) does not hold a secret of at least "
                    + "\(minimumLength) printable characters.",
                file: referencedFrom, jsonPath: jsonPath,
                hint: "Write one with: openssl rand -hex 32 > FILE && chmod 600 FILE")
        }
        return BearerSecret(bytes: Array(text.utf8), file: file)
    }

    /// Reads the secret in `file`, first creating it (mode 0600, 256 random bits as 64 hexadecimal
    /// digits) when there is none.
    /// - Throws: ``ConfigurationError`` when it cannot be created or read.
    package static func readOrCreate(_ file: URL) throws(ConfigurationError) -> BearerSecret {
        if FileStatus(path: file.path) == nil {
            let secret: String
            do {
                secret = try SecureRandom.hex(byteCount: 32)
            } catch {
                throw ConfigurationError(code: .invalidValue, message: "no random bytes for the token file: \(error).")
            }
            do {
                try SecureFileWriter.write(secret + "\n", to: file)
            } catch {
                throw ConfigurationError(
                    code: .fileUnreadable, message: "cannot create the token file: \(error.description)",
                    hint: "Check that its folder exists and is yours.")
            }
        }
        return try read(file)
    }

    /// Whether `presented` is the secret, in time that does not depend on where they differ.
    package func matches(_ presented: Substring.UTF8View) -> Bool {
        var difference = UInt8(truncatingIfNeeded: presented.count ^ bytes.count)
        var index = presented.startIndex
        for byte in bytes {
            let other = index < presented.endIndex ? presented[index] : 0
            difference |= byte ^ other
            if index < presented.endIndex { index = presented.index(after: index) }
        }
        return difference == 0
    }

    /// The file, never the secret.
    package var description: String { "BearerSecret(file: \(file.path))" }
}
