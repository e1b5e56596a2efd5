import BoxAuth
import Testing

@Suite("JSONPath")
struct JSONPathTests {
    @Test("the root renders as an empty string")
    func root() {
        #expect(JSONPath.root.description == "")
        #expect(JSONPath().description == "")
    }

    @Test(
        "renders paths as people read them",
        arguments: [
            (JSONPath("boxAppSettings", "appAuth", "publicKeyID"), "boxAppSettings.appAuth.publicKeyID"),
            (JSONPath("profiles").appending("service").appending("clientSecret"), "profiles.service.clientSecret"),
            (
                JSONPath("profiles").appending("my profile").appending("scopes").appending(index: 0),
                #"profiles["my profile"].scopes[0]"#
            ),
            (JSONPath("a").appending(index: 2).appending(index: 3).appending("b"), "a[2][3].b"),
            (JSONPath.root.appending(index: 1), "[1]"),
            (JSONPath("with space"), #"["with space"]"#),
            (JSONPath("a.b"), #"["a.b"]"#),
            (JSONPath("p").appending(""), #"p[""]"#),
            (JSONPath("snake_case", "kebab-case", "$ref", "x1"), "snake_case.kebab-case.$ref.x1"),
        ])
    func renders(path: JSONPath, expected: String) {
        #expect(path.description == expected)
    }

    @Test("equal paths compare equal however they were built")
    func equality() {
        #expect(JSONPath("a", "b") == JSONPath.root.appending("a").appending("b"))
        #expect(JSONPath("a", "0") != JSONPath("a").appending(index: 0))
    }
}
