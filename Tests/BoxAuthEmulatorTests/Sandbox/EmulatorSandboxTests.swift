import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("EmulatorSandbox")
struct EmulatorSandboxTests {
    /// The sandbox app with the committed test key, so no RSA key is generated.
    static func identity() throws -> SandboxIdentity {
        SandboxIdentity(
            clientID: "sandboxfixtureclientid000001", clientSecret: Secret("sandbox-fixture-secret"),
            publicKeyID: "fixture-key-1",
            privateKeyPEM: Secret(try Fixtures.text("Keys/rsa2048-pkcs8-pbes2-des3-sha1.pem")),
            passphrase: Secret(Fixtures.passphrase))
    }

    @Test("without a socket, every profile but the oauth2 one (which needs a sign-in) gets a token through sandbox.transport")
    func notListening() async throws {
        let sandbox = try await EmulatorSandbox.start(identity: try Self.identity(), listening: false)
        do {
            #expect(sandbox.baseURL == EmulatorSandbox.notListeningURL)
            #expect(sandbox.config.clientID == "sandboxfixtureclientid000001")
            let file = try ProfilesFile.load(contentsOf: sandbox.profilesURL)
            let text = try String(contentsOf: sandbox.profilesURL, encoding: .utf8)
            #expect(text.contains("\"baseURL\": \"http://127.0.0.1:9\""))
            for name in EmulatorSandbox.profileNames where name != "me" {
                let provider = try AuthProviderRegistry.standard.profile(
                    name, in: file, environment: [:], transport: sandbox.transport)
                let token = try await provider.accessToken()
                #expect(!token.value.isEmpty, "profile \(name)")
            }
            // The developer token is read from its file; the other four come from the token endpoint.
            #expect(await sandbox.emulator.counters.tokensIssued == 4)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.path))
    }

    @Test("a given identity is what box_config.json holds and what the emulator accepts")
    func givenIdentity() async throws {
        let identity = try Self.identity()
        let sandbox = try await EmulatorSandbox.start(identity: identity, listening: false)
        do {
            let config = try BoxAppConfig.load(contentsOf: sandbox.folder.appendingPathComponent("box_config.json"))
            #expect(config.clientID == identity.clientID)
            #expect(config.publicKeyID == identity.publicKeyID)
            #expect(config.enterpriseID == EmulatorSandbox.enterpriseID)
            #expect(!identity.description.contains("sandbox-fixture-secret"))
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }
}
