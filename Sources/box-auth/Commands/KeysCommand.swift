import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth keys generate`: a new key pair for a Box JWT app.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make key pairs for Box JWT apps.", subcommands: [Generate.self])

    /// `box-auth keys generate --out DIR`.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract:
                "Write an encrypted private key, its public key (to add in the Developer Console) and a config.json template."
        )

        @Option(name: .long, help: "The folder to write private_key.pem, public_key.pem and config.json to.")
        var out: String

        @Option(name: .long, help: "The key size: 2048, 3072 or 4096.")
        var bits = 2048

        @Option(
            name: .long,
            help: "An environment variable holding the passphrase (otherwise it is asked for, without echo).")
        var passphraseEnv: String?

        func validate() throws {
            guard [2048, 3072, 4096].contains(bits) else { throw ValidationError("--bits must be 2048, 3072 or 4096.") }
        }

        func run() async throws {
            try await ErrorReporting.run {
                let passphrase = try readPassphrase()
                let folder = FilePaths.resolve(
                    out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let key = try RSAPrivateKey.generate(bits: bits)
                let privatePEM = try key.pkcs8PEM(passphrase: passphrase)
                let config = BoxAppConfig(
                    clientID: "", clientSecret: Secret(""), publicKeyID: "", privateKey: privatePEM,
                    passphrase: passphrase,
                    enterpriseID: nil)
                try SecureFileWriter.write(privatePEM, to: folder.appendingPathComponent("private_key.pem"))
                try SecureFileWriter.write(try key.publicKeyPEM(), to: folder.appendingPathComponent("public_key.pem"))
                try SecureFileWriter.write(config.jsonText(), to: folder.appendingPathComponent("config.json"))
                Console.out(
                    "Wrote \(folder.path)/private_key.pem (encrypted), public_key.pem and config.json (mode 0600).")
                Console.out(
                    "Next: add public_key.pem in the Developer Console (Configuration > Add and Manage Public Keys),")
                Console.out("then fill clientID, clientSecret, publicKeyID and enterpriseID in config.json.")
            }
        }

        private func readPassphrase() throws -> Secret {
            if let name = passphraseEnv {
                guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                    throw ValidationError("Environment variable \(name) is not set or empty.")
                }
                return Secret(value)
            }
            guard let first = PassphrasePrompt.read("Passphrase for the new key: "), first.count >= 8 else {
                throw ValidationError(
                    "A passphrase of at least 8 characters is needed (or pass --passphrase-env NAME).")
            }
            guard PassphrasePrompt.read("Repeat the passphrase: ") == first else {
                throw ValidationError("The passphrases differ.")
            }
            return Secret(first)
        }
    }
}
