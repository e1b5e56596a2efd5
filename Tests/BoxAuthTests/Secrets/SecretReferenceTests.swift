@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

@Suite("SecretReference")
struct SecretReferenceTests {
    let path = JSONPath("profiles", "service", "clientSecret")
    let profilesFile = "/home/me/.box/profiles.json"

    func resolve(
        _ reference: SecretReference, environment: [String: String] = [:],
        baseDirectory: URL = URL(fileURLWithPath: "/")
    ) throws(ConfigurationError) -> String {
        try reference.resolve(environment: environment, baseDirectory: baseDirectory, file: profilesFile, path: path)
            .exposedValue
    }

    // MARK: Parsing

    @Test("parses the three JSON forms")
    func parses() throws {
        func parse(_ json: JSONValue) throws -> SecretReference {
            try SecretReference(json: json, file: nil, path: path)
        }
        #expect(try parse(.string("value")) == .literal(Secret("value")))
        #expect(try parse(.object(["env": .string("BOX_SECRET")])) == .environment("BOX_SECRET"))
        #expect(try parse(.object(["file": .string("~/secret.txt")])) == .file("~/secret.txt"))
    }

    @Test(
        "refuses other shapes, naming the JSON path",
        arguments: [
            RefusedSecretShape(json: .integer(5), code: .wrongType, jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(json: .bool(true), code: .wrongType, jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(json: .null, code: .wrongType, jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(
                json: .array([.string("a")]), code: .wrongType, jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(json: .object([:]), code: .invalidValue, jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(
                json: .object(["vault": .string("x")]), code: .invalidValue, jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(
                json: .object(["env": .string("A"), "file": .string("b")]), code: .invalidValue,
                jsonPath: "profiles.service.clientSecret"),
            RefusedSecretShape(
                json: .object(["env": .integer(1)]), code: .wrongType, jsonPath: "profiles.service.clientSecret.env"),
            RefusedSecretShape(
                json: .object(["env": .string("")]), code: .wrongType, jsonPath: "profiles.service.clientSecret.env"),
            RefusedSecretShape(
                json: .object(["file": .null]), code: .wrongType, jsonPath: "profiles.service.clientSecret.file"),
            RefusedSecretShape(
                json: .object(["file": .object([:])]), code: .wrongType, jsonPath: "profiles.service.clientSecret.file"),
        ])
    func refusesShapes(shape: RefusedSecretShape) {
        shape.expectRefused(at: path)
    }

    // MARK: Resolving

    @Test("a literal resolves to itself")
    func literal() throws {
        #expect(try resolve(.literal(Secret("inline"))) == "inline")
    }

    @Test("an env reference reads the variable, even when it is empty")
    func environment() throws {
        #expect(try resolve(.environment("BOX_SECRET"), environment: ["BOX_SECRET": "from-env"]) == "from-env")
        #expect(try resolve(.environment("BOX_SECRET"), environment: ["BOX_SECRET": ""]) == "")
    }

    @Test("an unset variable is environmentVariableUnset naming the variable, file and JSON path")
    func environmentUnset() {
        let error = #expect(throws: ConfigurationError.self) {
            try resolve(.environment("BOX_CLIENT_SECRET"), environment: ["OTHER": "x", "box_client_secret": "y"])
        }
        #expect(error?.code == .environmentVariableUnset)
        #expect(error?.jsonPath == "profiles.service.clientSecret")
        #expect(error?.file == profilesFile)
        let description = error?.description ?? ""
        #expect(description.contains("BOX_CLIENT_SECRET"))
        #expect(description.contains("profiles.service.clientSecret"))
        #expect(description.contains(profilesFile))
    }

    @Test(
        "a file reference reads the file relative to the base folder, dropping one trailing newline",
        arguments: [
            ("secret", "secret"), ("secret\n", "secret"), ("secret\n\n", "secret\n"), ("two\nlines\n", "two\nlines"),
            ("", ""),
        ])
    func file(contents: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("secrets/client-secret.txt", contents)
        #expect(try resolve(.file("secrets/client-secret.txt"), baseDirectory: directory.url) == expected)
        #expect(try resolve(.file("./secrets/../secrets/client-secret.txt"), baseDirectory: directory.url) == expected)
    }

    @Test("a file reference may be absolute")
    func absoluteFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("abs.txt", "absolute\n")
        #expect(try resolve(.file(file.path), baseDirectory: URL(fileURLWithPath: "/nonexistent")) == "absolute")
    }

    @Test("a file reference keeps a PEM key intact")
    func pemFile() throws {
        let pem = try TestKeys.text(TestKeys.boxConsole)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("key.pem", pem)
        let value = try resolve(.file("key.pem"), baseDirectory: directory.url)
        #expect(value + "\n" == pem)
        #expect(try RSAPrivateKey(pem: value, passphrase: Secret("test-only-passphrase")).bitCount == 2048)
    }

    @Test("a missing file is fileUnreadable naming the resolved path, the profiles file and JSON path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: ConfigurationError.self) {
            try resolve(.file("absent.txt"), baseDirectory: directory.url)
        }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.file == profilesFile)
        #expect(error?.jsonPath == "profiles.service.clientSecret")
        #expect(error?.message.contains(directory.url.appendingPathComponent("absent.txt").path) == true)
    }

    @Test(
        "a folder, a FIFO or a device is notRegularFile naming the profiles file and JSON path, read without blocking",
        arguments: ["folder", "fifo", "/dev/zero"])
    func notRegularFile(kind: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reference: String
        switch kind {
        case "folder": reference = "."
        case "fifo":
            reference = try FileModes.makeFIFO(at: directory.url.appendingPathComponent("pipe")).lastPathComponent
        default: reference = kind
        }
        let error = try #require(throws: ConfigurationError.self) {
            try resolve(.file(reference), baseDirectory: directory.url)
        }
        #expect(error.code == .notRegularFile)
        #expect(error.file == profilesFile)
        #expect(error.jsonPath == "profiles.service.clientSecret")
        #expect(error.message.contains("not a regular file"))
    }

    @Test("a path with a line break is shown escaped: the error stays one line")
    func pathWithLineBreak() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = try #require(throws: ConfigurationError.self) {
            try resolve(.file("missing\nsecret.txt"), baseDirectory: directory.url)
        }
        #expect(error.code == .fileUnreadable)
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("missing\\nsecret.txt'"))
    }

    @Test("a file over 1 MiB is refused")
    func tooLarge() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("big.txt", String(repeating: "x", count: JSONDocument.maximumSize + 1))
        let error = #expect(throws: ConfigurationError.self) {
            try resolve(.file("big.txt"), baseDirectory: directory.url)
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains("under 1 MiB") == true)
    }

    @Test("~/ in a file reference expands to the home folder")
    func tildeExpansion() {
        let name = "box-auth-tests-absent-\(UUID().uuidString).txt"
        let error = #expect(throws: ConfigurationError.self) {
            try resolve(.file("~/\(name)"), baseDirectory: URL(fileURLWithPath: "/tmp"))
        }
        #expect(error?.code == .fileUnreadable)
        let expected = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(name).path
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
        #expect(error?.message.contains("~") == false)
    }

    // MARK: Printing

    @Test("description says where the value comes from, never the value")
    func description() {
        let literal = SecretReference.literal(Secret("inline-secret-value"))
        var dumped = ""
        dump(literal, to: &dumped)
        for text in [
            literal.description, String(describing: literal), String(reflecting: literal), "\(literal)", dumped,
        ] {
            #expect(!text.contains("inline-secret-value"))
        }
        #expect(SecretReference.environment("BOX_SECRET").description == "env:BOX_SECRET")
        #expect(SecretReference.file("~/s.txt").description == "file:~/s.txt")
    }

    @Test("a resolved secret from the environment does not print")
    func resolvedDoesNotPrint() throws {
        let secret = try SecretReference.environment("V").resolve(
            environment: ["V": "env-secret-value"], baseDirectory: URL(fileURLWithPath: "/"), file: nil, path: path)
        #expect(!String(describing: secret).contains("env-secret-value"))
        #expect(!String(reflecting: secret).contains("env-secret-value"))
    }
}
