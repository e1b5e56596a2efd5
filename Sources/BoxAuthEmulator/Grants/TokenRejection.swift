/// Why the token endpoint refused a request, answered as Box does: HTTP 400 with
/// `{"error": ..., "error_description": ...}`.
struct TokenRejection: Error, Sendable, Hashable {
    /// The counter key (``EmulatorCounters/rejections``), e.g. `jti`.
    let reason: String
    /// Box's `error` field, e.g. `invalid_grant`.
    let error: String
    /// Box's `error_description` field, naming the claim or parameter at fault.
    let description: String

    private static func invalidGrant(_ reason: String, _ description: String) -> TokenRejection {
        TokenRejection(reason: reason, error: "invalid_grant", description: description)
    }

    /// Unknown client ID, or a secret that does not match.
    static let invalidClient = TokenRejection(
        reason: "invalid_client", error: "invalid_client", description: "The client credentials are invalid")

    /// `grant_type` missing or not one the emulator knows.
    static let unsupportedGrantType = TokenRejection(
        reason: "grant_type", error: "unsupported_grant_type",
        description: "Invalid grant_type parameter or parameter missing")

    /// A required form parameter is missing.
    static func missingParameter(_ name: String) -> TokenRejection {
        TokenRejection(
            reason: "invalid_request", error: "invalid_request",
            description: "The '\(name)' parameter is required for this grant_type.")
    }

    /// The assertion is not a compact JWS of JSON objects.
    static func malformedAssertion(_ detail: String) -> TokenRejection {
        invalidGrant("assertion", "Please check the 'assertion' parameter. It is not a valid JWT: \(detail).")
    }

    /// `alg` is missing or not RS256, RS384 or RS512.
    static let algorithm = invalidGrant(
        "alg", "Please check the 'alg' header. The algorithm must be one of RS256, RS384 or RS512.")

    /// `kid` is missing (and the app has several keys) or names no key of the app.
    static let keyID = invalidGrant(
        "kid", "Please check the 'kid' header. It must be the ID of a public key added to this app.")

    /// The signature does not verify with the key `kid` names.
    static let signature = invalidGrant(
        "signature",
        "Signature verification error. The public key identified by 'kid' must correspond to the private key used for signing."
    )

    /// `iss` is not the client ID.
    static let issuer = invalidGrant(
        "iss", "Please check the 'iss' claim. The 'iss' must be the client ID of the app.")

    /// `aud` is not Box's token URL.
    static let audience = invalidGrant(
        "aud", "Please check the 'aud' claim. The 'aud' must be 'https://api.box.com/oauth2/token'.")

    /// `box_sub_type` is neither `enterprise` nor `user`.
    static let subjectType = invalidGrant(
        "box_sub_type", "Please check the 'box_sub_type' claim. It must be 'enterprise' or 'user'.")

    /// `sub` is not the app's enterprise or a user known to it.
    static let subject = invalidGrant("sub", "Please check the 'sub' claim. The 'sub' specified is invalid.")

    /// `exp` is absent.
    static let expirationMissing = invalidGrant(
        "exp", "Please check the 'exp' claim. The 'exp' claim is required.")

    /// `exp` is not a whole number.
    static let expirationNotInteger = invalidGrant(
        "exp", "Please check the 'exp' claim. The 'exp' must be a whole number of seconds since the Unix epoch.")

    /// `exp` is now or in the past.
    static let expired = invalidGrant(
        "exp", "Current date/time MUST be before the expiration date/time listed in the 'exp' claim")

    /// `exp` is more than 60 seconds ahead.
    static let expirationTooFar = invalidGrant(
        "exp", "Please check the 'exp' claim. The 'exp' must be at most 60 seconds in the future.")

    /// `jti` is missing, not a string, or not 16 to 128 characters long.
    static let jwtIDLength = invalidGrant(
        "jti", "Please check the 'jti' claim. The 'jti' must be a string of 16 to 128 characters.")

    /// `jti` was used before.
    static let jwtIDReused = invalidGrant(
        "jti", "Please check the 'jti' claim. A unique 'jti' value is required.")

    /// `box_subject_type` is neither `enterprise` nor `user` (client credentials grant).
    static let subjectTypeParameter = invalidGrant(
        "box_sub_type", "Please check the 'box_subject_type' parameter. It must be 'enterprise' or 'user'.")

    /// `box_subject_id` is not the app's enterprise or a user known to it (client credentials grant).
    static let subjectParameter = invalidGrant(
        "subject", "Please check the 'box_subject_id' parameter. The 'box_subject_id' specified is invalid.")
}
