@testable import BoxAuthEmulator
import BoxAuthTestSupport
import Testing

@Suite("EmulatorRouter")
struct EmulatorRouterTests {
    @Test(
        "reads the bearer token from Authorization",
        arguments: [
            ("Bearer abc123", "abc123" as String?),
            ("bearer abc123", "abc123"),
            ("BEARER   abc123 ", "abc123"),
            ("Basic dXNlcjpwYXNz", nil),
            ("Bearer", nil),
            ("Bearer ", nil),
            ("", nil),
        ])
    func bearerToken(header: String, expected: String?) {
        #expect(EmulatorRouter.bearerToken(header) == expected)
    }

    @Test("no Authorization header means no token")
    func noHeader() {
        #expect(EmulatorRouter.bearerToken(nil) == nil)
    }
}
