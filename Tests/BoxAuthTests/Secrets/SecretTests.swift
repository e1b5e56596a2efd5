import BoxAuth
import Testing

@Suite("Secret")
struct SecretTests {
    let value = "s3cr3t-value-that-must-not-print"

    /// Holds a secret the way settings types do, to check that nesting does not reveal it.
    struct Holder {
        let name = "holder"
        let secret: Secret
        let optional: Secret?
        let list: [Secret]
    }

    @Test("every way of printing shows <redacted>, never the value")
    func neverPrints() {
        let secret = Secret(value)
        var dumped = ""
        dump(secret, to: &dumped)
        var dumpedHolder = ""
        dump(Holder(secret: secret, optional: secret, list: [secret, secret]), to: &dumpedHolder)
        let texts = [
            secret.description, secret.debugDescription, String(describing: secret), String(reflecting: secret),
            "\(secret)", dumped, dumpedHolder, String(describing: Optional(secret)), String(describing: [secret]),
            String(describing: ["key": secret]), String(reflecting: Holder(secret: secret, optional: nil, list: [])),
        ]
        for text in texts {
            #expect(!text.contains(value), "\(text)")
            #expect(!text.contains("s3cr3t"))
        }
        #expect(secret.description == "<redacted>")
        #expect(secret.debugDescription == "Secret(<redacted>)")
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test("the value is available to code that sends it")
    func exposesValue() {
        let secret = Secret(value)
        #expect(secret.exposedValue == value)
        #expect(secret.withUnsafeValue { Array($0) } == Array(value.utf8))
        #expect(!secret.isEmpty)
        #expect(Secret("").isEmpty)
        #expect(Secret("").withUnsafeValue { $0.count } == 0)
    }

    @Test("secrets compare by value")
    func equality() {
        #expect(Secret("a") == Secret("a"))
        #expect(Secret("a") != Secret("b"))
        #expect(Set([Secret("a"), Secret("a"), Secret("b")]).count == 2)
    }
}
