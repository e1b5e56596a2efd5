import BoxAuth

/// How `GET /2.0/users/me` answers, given the caller's token and `As-User` header.
enum CurrentUserAnswer: Sendable, Hashable {
    /// 200 with the user.
    case user(UserProfile)
    /// 401 with a `WWW-Authenticate` challenge and an empty body, as Box answers.
    case unauthorized(challenge: String)
    /// 403 with Box's error JSON: `As-User` names a user the token may not act as.
    case forbidden

    /// The challenge when no bearer token was sent.
    static let missingToken = CurrentUserAnswer.unauthorized(challenge: "Bearer realm=\"Service\"")
    /// The challenge for an unknown or expired token.
    static let invalidToken = CurrentUserAnswer.unauthorized(
        challenge:
            "Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"The access token provided is invalid.\""
    )

    /// The answer for a valid `token` issued to `app`, acting as `asUser` when given.
    ///
    /// Enterprise tokens show the service account, user tokens the user. `As-User` works with an
    /// enterprise token for a user the app knows; anything else is forbidden.
    init(token: IssuedToken, app: EmulatedApp?, asUser: String?) {
        switch (token.subject.kind, asUser) {
        case (.enterprise, nil):
            guard let app else { self = .forbidden; return }
            self = .user(.serviceAccount(of: app))
        case (.enterprise, let userID?):
            guard let app, app.knownUserIDs.contains(userID) else { self = .forbidden; return }
            self = .user(.user(userID, of: app))
        case (.user, nil):
            self = .user(.user(token.subject.id, of: app))
        case (.user, .some):
            self = .forbidden
        }
    }
}
