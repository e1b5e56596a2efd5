@_spi(Plumbing) import BoxAuth
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("box-auth exec and keys generate")
struct ExecAndKeysCommandTests {
    @Test("exec runs the command with BOX_ACCESS_TOKEN and BOX_AS_USER and passes its exit code through")
    func exec() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = ["CLI_TEST_SECRET": TestIdentity.clientSecret]
            let printed = try await ProductProcess.boxAuth(
                [
                    "exec", "--profiles", fixture.profilesPath, "--profile", "automation", "--",
                    "sh", "-c", "echo \"$BOX_ACCESS_TOKEN|$BOX_AS_USER|$BOX_PROFILE\"",
                ],
                environment: environment)
            #expect(printed.status == 0, "\(printed.stderr)")
            let fields = printed.stdout.trimmingCharacters(in: .newlines).split(
                separator: "|", omittingEmptySubsequences: false)
            #expect(fields.count == 3)
            #expect((fields.first ?? "").count >= 32)
            #expect(fields.dropFirst().first == "33333")
            #expect(fields.last == "automation")

            let failing = try await ProductProcess.boxAuth(
                ["exec", "--profiles", fixture.profilesPath, "--", "sh", "-c", "exit 7"], environment: environment)
            #expect(failing.status == 7)
        }
    }

    @Test("keys generate writes an encrypted key, its public key and a config.json template, all 0600")
    func generate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("box-auth-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProductProcess.boxAuth(
            ["keys", "generate", "--out", folder.path, "--bits", "3072", "--passphrase-env", "KEY_PASS"],
            environment: ["KEY_PASS": "generated-key-passphrase"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.output.contains("generated-key-passphrase"))
        for name in ["private_key.pem", "public_key.pem", "config.json"] {
            let path = folder.appendingPathComponent(name).path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(name)")
        }
        let pem = try String(contentsOf: folder.appendingPathComponent("private_key.pem"), encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let key = try RSAPrivateKey(pem: pem, passphrase: Secret("generated-key-passphrase"))
        #expect(key.bitCount == 3072)
        let publicKey = try RSAPublicKey(
            pem: try String(contentsOf: folder.appendingPathComponent("public_key.pem"), encoding: .utf8))
        let message = Array("check".utf8)
        #expect(publicKey.isValidSignature(try key.sign(message, digest: .sha256), for: message, digest: .sha256))
        let config = try String(contentsOf: folder.appendingPathComponent("config.json"), encoding: .utf8)
        #expect(config.contains("boxAppSettings"))
    }
}
