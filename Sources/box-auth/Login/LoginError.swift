import BoxAuth

/// Why `box-auth login` or `logout` could not run.
struct LoginError: BoxAuthError {
    enum Code: Sendable {
        case notOAuth2
        case cannotListen
        case timedOut
    }

    let code: Code
    let message: String

    /// Exit 2 for a profile that does not sign in users, 1 for a timeout, 4 when it cannot listen.
    var category: BoxAuthErrorCategory {
        switch code {
        case .notOAuth2: .configuration
        case .cannotListen: .unavailable
        case .timedOut: .unavailable
        }
    }

    var description: String { message }

    static func notOAuth2(profile: String, kind: String) -> LoginError {
        LoginError(
            code: .notOAuth2,
            message: "profile '\(MessageText.escaped(profile))' uses provider '\(MessageText.escaped(kind))',"
                + " which does not sign in users. Pick a profile with \"provider\": \"oauth2\" (--profile NAME).")
    }

    static func cannotListen(port: Int, detail: String) -> LoginError {
        LoginError(
            code: .cannotListen,
            message: "cannot listen on 127.0.0.1:\(port) for Box's callback (\(detail))."
                + " Pick another port with --port, or leave it out for a free one.")
    }

    static func timedOut(seconds: Double) -> LoginError {
        LoginError(
            code: .timedOut,
            message: "nobody finished signing in within \(Int(seconds)) s, so box-auth is not signed in."
                + " Run box-auth login again (--timeout SECONDS gives more time).")
    }
}
