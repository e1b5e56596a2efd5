import BoxAuthTestSupport
@testable import BoxAuthEmulator
import Testing

@Suite("CodeChallenge")
struct CodeChallengeTests {
    @Test("S256 of the test verifier is its independently computed challenge")
    func rfcVector() {
        #expect(CodeChallenge.s256(verifier: TestPKCE.verifier) == TestPKCE.challenge)
        #expect(CodeChallenge.s256(verifier: TestPKCE.otherVerifier) != TestPKCE.challenge)
    }

    @Test(
        "refuses verifiers that are too short, too long or use other characters",
        arguments: [String(repeating: "a", count: 42), String(repeating: "a", count: 129), TestPKCE.verifier + "+", ""])
    func malformedVerifier(verifier: String) {
        #expect(CodeChallenge.s256(verifier: verifier) == nil)
    }

    @Test("a challenge is well formed only as base64url of 32 bytes")
    func wellFormedChallenge() {
        #expect(CodeChallenge.isWellFormed(TestPKCE.challenge))
        #expect(!CodeChallenge.isWellFormed(String(TestPKCE.challenge.dropLast())))
        #expect(!CodeChallenge.isWellFormed(TestPKCE.challenge + "="))
        #expect(!CodeChallenge.isWellFormed(""))
    }
}
