import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("EmulatedApp")
struct EmulatedAppTests {
    @Test("the derived service account ID is numeric, stable and differs between apps")
    func serviceAccountID() {
        let first = EmulatedApp.derivedServiceAccountID(clientID: "abc")
        #expect(first.count == 11)
        #expect(first.allSatisfy { $0.isNumber })
        #expect(EmulatedApp.derivedServiceAccountID(clientID: "abc") == first)
        #expect(EmulatedApp.derivedServiceAccountID(clientID: "abd") != first)
        let app = EmulatedApp(clientID: "abc", clientSecret: "s", enterpriseID: "1", publicKeys: [:])
        #expect(app.serviceAccountID == first)
    }

    @Test("printing an app never shows its client secret")
    func redacted() {
        let app = EmulatedApp(clientID: "abc", clientSecret: "very-secret-value", enterpriseID: "1", publicKeys: [:])
        var dumped = ""
        dump(app, to: &dumped)
        for text in ["\(app)", String(reflecting: app), dumped] {
            #expect(!text.contains("very-secret-value"))
        }
        #expect("\(app)".contains("abc"))
    }

    @Test("an app from a config.json has its key under the publicKeyID")
    func fromConfig() throws {
        let key = try TestKeys.primary
        let config = BoxAppConfig(
            clientID: "client", clientSecret: Secret("secret"), publicKeyID: "kid9",
            privateKey: try key.pkcs8PEM(passphrase: nil), passphrase: nil, enterpriseID: "42")
        let app = try EmulatedApp(config: config, knownUserIDs: ["7"])
        #expect(app.clientID == "client")
        #expect(app.clientSecret == "secret")
        #expect(app.enterpriseID == "42")
        #expect(app.knownUserIDs == ["7"])
        #expect(Array(app.publicKeys.keys) == ["kid9"])
        #expect(try app.publicKeys["kid9"]?.pem == (try key.publicKeyPEM()))
    }
}
