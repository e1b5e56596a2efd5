@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("BoxAppConfig")
struct BoxAppConfigTests {
    /// The fixture `config.json` parsed, to be changed one value at a time.
    func fixtureJSON() throws -> JSONValue {
        try JSONDocument.parse(Data(Fixtures.text("box_config.json").utf8), file: "box_config.json")
    }

    @Test("loads the Box console config.json")
    func loadsFixture() throws {
        let url = try Fixtures.url("box_config.json")
        let config = try BoxAppConfig.load(contentsOf: url)
        #expect(config.clientID == "test-client-id")
        #expect(config.clientSecret.exposedValue == "test-client-secret")
        #expect(config.publicKeyID == "test-kid-1")
        #expect(config.passphrase?.exposedValue == Fixtures.passphrase)
        #expect(config.enterpriseID == "1234567")
        #expect(config.file == url.path)
        #expect(config.privateKey.exposedValue == (try TestKeys.text(TestKeys.boxConsole)))
    }

    @Test("loadPrivateKey decrypts the key, which matches the fixture public key")
    func loadsPrivateKey() throws {
        let config = try BoxAppConfig.load(contentsOf: Fixtures.url("box_config.json"))
        let key = try config.loadPrivateKey()
        #expect(key.bitCount == 2048)
        #expect(try key.publicKeyPEM() == TestKeys.text(TestKeys.publicKeyFile))
    }

    @Test("loadPrivateKey with a wrong passphrase is invalidKey at appAuth.privateKey, not showing it")
    func wrongPassphrase() throws {
        var config = try BoxAppConfig.load(contentsOf: Fixtures.url("box_config.json"))
        config.passphrase = Secret("wrong-passphrase-value")
        let error = #expect(throws: ConfigurationError.self) { try config.loadPrivateKey() }
        #expect(error?.code == .invalidKey)
        #expect(error?.keyError?.code == .wrongPassphrase)
        #expect(error?.jsonPath == "boxAppSettings.appAuth.privateKey")
        #expect(error?.file == config.file)
        let description = error?.description ?? ""
        #expect(!description.contains("wrong-passphrase-value"))
        #expect(!description.contains(Fixtures.passphrase))
        for line in TestKeys.bodyLines(of: config.privateKey.exposedValue) { #expect(!description.contains(line)) }
    }

    @Test("loadPrivateKey without a passphrase is missingPassphrase", arguments: [Secret?.none, Secret("")])
    func missingPassphrase(passphrase: Secret?) throws {
        var config = try BoxAppConfig.load(contentsOf: Fixtures.url("box_config.json"))
        config.passphrase = passphrase
        let error = #expect(throws: ConfigurationError.self) { try config.loadPrivateKey() }
        #expect(error?.keyError?.code == .missingPassphrase)
    }

    @Test("an unencrypted key with an empty passphrase loads")
    func unencryptedKeyWithEmptyPassphrase() throws {
        let json = try fixtureJSON()
            .setting(["boxAppSettings", "appAuth", "privateKey"], to: .string(TestKeys.text("rsa2048-pkcs8.pem")))
            .setting(["boxAppSettings", "appAuth", "passphrase"], to: .string(""))
        let config = try BoxAppConfig(json: json, file: "config.json")
        #expect(config.passphrase?.isEmpty == true)
        #expect(try config.loadPrivateKey().bitCount == 2048)
    }

    @Test("enterpriseID may be a number, empty or absent")
    func enterpriseIDForms() throws {
        let json = try fixtureJSON()
        func enterpriseID(_ value: JSONValue?) throws -> String? {
            try BoxAppConfig(json: json.setting(["enterpriseID"], to: value), file: nil).enterpriseID
        }
        #expect(try enterpriseID(.integer(1_234_567)) == "1234567")
        #expect(try enterpriseID(.string("")) == nil)
        #expect(try enterpriseID(nil) == nil)
        #expect(try enterpriseID(.null) == nil)
    }

    @Test("members Box adds that the library does not use are ignored")
    func ignoresExtraMembers() throws {
        let webhooks = JSONValue.object(["primaryKey": .string(""), "secondaryKey": .string("")])
        let json = try fixtureJSON().setting(["webhooks"], to: webhooks)
        #expect(try BoxAppConfig(json: json, file: nil).clientID == "test-client-id")
    }

    /// One value of the fixture changed (`nil` removes it), and the error it must cause at its path.
    struct Fault: Sendable, CustomTestStringConvertible {
        let jsonPath: String
        let value: JSONValue?
        let code: ConfigurationError.Code
        init(_ jsonPath: String, _ value: JSONValue?, _ code: ConfigurationError.Code) {
            self.jsonPath = jsonPath
            self.value = value
            self.code = code
        }
        var path: [String] { jsonPath.split(separator: ".").map(String.init) }
        var testDescription: String { "\(jsonPath) = \(value.map { "\($0)" } ?? "absent") → \(code)" }
    }

    @Test(
        "a missing or wrong-typed value is an error at its JSON path",
        arguments: [
            Fault("boxAppSettings", nil, .missingValue),
            Fault("boxAppSettings", .array([]), .wrongType),
            Fault("boxAppSettings.clientID", nil, .missingValue),
            Fault("boxAppSettings.clientID", .null, .missingValue),
            Fault("boxAppSettings.clientID", .integer(5), .wrongType),
            Fault("boxAppSettings.clientID", .string(""), .invalidValue),
            Fault("boxAppSettings.clientSecret", nil, .missingValue),
            Fault("boxAppSettings.clientSecret", .bool(true), .wrongType),
            Fault("boxAppSettings.appAuth", nil, .missingValue),
            Fault("boxAppSettings.appAuth", .string("x"), .wrongType),
            Fault("boxAppSettings.appAuth.publicKeyID", nil, .missingValue),
            Fault("boxAppSettings.appAuth.publicKeyID", .integer(1), .wrongType),
            Fault("boxAppSettings.appAuth.privateKey", nil, .missingValue),
            Fault("boxAppSettings.appAuth.privateKey", .array([.string("x")]), .wrongType),
            Fault("boxAppSettings.appAuth.passphrase", .integer(1234), .wrongType),
            Fault("enterpriseID", .bool(false), .wrongType),
            Fault("enterpriseID", .number(1.5), .wrongType),
        ])
    func faults(fault: Fault) throws {
        let json = try fixtureJSON().setting(fault.path, to: fault.value)
        let error = #expect(throws: ConfigurationError.self) { try BoxAppConfig(json: json, file: "/apps/config.json") }
        #expect(error?.code == fault.code)
        #expect(error?.jsonPath == fault.jsonPath)
        #expect(error?.file == "/apps/config.json")
        #expect(error?.description.hasPrefix("/apps/config.json: \(fault.jsonPath): ") == true)
        #expect(error?.description.contains(Fixtures.passphrase) == false)
        #expect(error?.description.contains("test-client-secret") == false)
    }

    @Test("a document that is not an object is wrongType at the root")
    func rootNotObject() {
        let error = #expect(throws: ConfigurationError.self) { try BoxAppConfig(json: .array([]), file: "c.json") }
        #expect(error?.code == .wrongType)
        #expect(error?.jsonPath == "")
    }

    @Test("description, debug text and dump hold no secret")
    func descriptionHoldsNoSecret() throws {
        let config = try BoxAppConfig.load(contentsOf: Fixtures.url("box_config.json"))
        var dumped = ""
        dump(config, to: &dumped)
        let texts = [config.description, String(describing: config), String(reflecting: config), "\(config)", dumped]
        let keyLines = TestKeys.bodyLines(of: config.privateKey.exposedValue)
        for text in texts {
            #expect(!text.contains("test-client-secret"))
            #expect(!text.contains(Fixtures.passphrase))
            #expect(!text.contains("PRIVATE KEY"))
            for line in keyLines { #expect(!text.contains(line)) }
        }
        #expect(config.description.contains("test-client-id"))
        #expect(config.description.contains("test-kid-1"))
        #expect(config.description.contains("1234567"))
    }

    @Test("jsonText writes Box's layout, which reads back the same")
    func jsonTextRoundTrip() throws {
        let config = try BoxAppConfig.load(contentsOf: Fixtures.url("box_config.json"))
        let text = config.jsonText()
        #expect(String(describing: text) == "<redacted>")
        let json = try JSONDocument.parse(Data(text.exposedValue.utf8), file: "out.json")
        let reread = try BoxAppConfig(json: json, file: "out.json")
        #expect(reread.clientID == config.clientID)
        #expect(reread.clientSecret == config.clientSecret)
        #expect(reread.publicKeyID == config.publicKeyID)
        #expect(reread.privateKey == config.privateKey)
        #expect(reread.passphrase == config.passphrase)
        #expect(reread.enterpriseID == config.enterpriseID)
        #expect(try reread.loadPrivateKey().bitCount == 2048)
    }
}
