/// `GET /2.0/users/me` did not answer with a user.
public struct CurrentUserError: BoxAuthError, Hashable {
    /// The HTTP status Box answered with.
    public let status: Int

    /// Creates an error for an answer with `status`.
    public init(status: Int) {
        self.status = status
    }

    /// Refused for 401 and 403 (the token, or `As-User`), unavailable otherwise.
    public var category: BoxAuthErrorCategory { status == 401 || status == 403 ? .refused : .unavailable }

    /// What Box answered and what to do.
    public var description: String {
        let hint =
            switch status {
            case 401: " Box refused the token (expired or revoked); get a new one and try again."
            case 403: " The token may not act as the user named in As-User; check asUser."
            case 200: " The answer was not a user (not JSON, or not an object)."
            default: " Box could not answer; try again later."
            }
        return "GET /2.0/users/me answered HTTP \(status).\(hint)"
    }
}
