/// A PKCE pair: a `code_verifier` and its `S256` `code_challenge`, computed independently of the
/// code under test (Python's `hashlib.sha256` and `base64.urlsafe_b64encode`, padding removed).
public enum TestPKCE {
    /// The `code_verifier`.
    public static let verifier = "dBjftJeZ4CVP-mJ92IvpdlLXdVAyT6i1J5S1ZOstASw"
    /// `BASE64URL(SHA256(verifier))`.
    public static let challenge = "SMJUke4de1Yd2MZYd3AEGWhfeKtrc-4VnhpPDtqnYKI"
    /// Another well-formed verifier, whose challenge is not ``challenge``.
    public static let otherVerifier = "abcdefghijklmnopqrstuvwxyz0123456789-._~ABCDEFG"
    /// The redirect URI the test app's flows use: a loopback URI on an arbitrary port.
    public static let redirectURI = "http://127.0.0.1:53682/callback"
}
