import BoxAuthTestSupport
import Testing

@Suite("Examples/OpenAPIClient")
struct OpenAPIClientTests {
    @Test("the generated client calls the emulator, recovers from a revoked token and routes the upload")
    func generatedClientAgainstEmulator() async throws {
        let result = try await ProductProcess.run("OpenAPIClient", [])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("GET /users/me: Emulated App") == true)
        #expect(result.stdout.contains("The emulator revoked 2 access token(s)"))
        // The second call got a 401, and the middleware fetched a second token and retried.
        #expect(result.stdout.contains("GET /users/me after the revocation: Emulated App"))
        #expect(result.stdout.contains("tokens issued: 2"))
        #expect(result.stdout.contains("GET /users/me with As-User 44444: Bob Demo (id 44444)"))
        #expect(result.stdout.contains("POST /files/upload_sessions (upload host): session "))
        #expect(result.stdout.contains(", 3 parts"))
    }
}
