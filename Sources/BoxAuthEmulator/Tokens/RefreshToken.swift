import BoxAuth

/// A refresh token the emulator issued with an access token, and what a refresh grant gets for it.
struct RefreshToken: Sendable, Hashable {
    /// The app it was issued to; another app's refresh grant with it is refused.
    let clientID: String
    /// Whom the tokens it gets act for.
    let subject: BoxSubject
    /// The `scope` of the authorization it came from, if any.
    let scope: String?
}
