public import BoxAuth

/// Why a ``SignIn`` (or `box-auth login` and `logout`) could not run.
///
/// The callback's own refusals (access denied, a code Box refused) are `OAuth2Error`s; these are
/// the sign-in's: the profile does not sign in users, the loopback listener could not start, or
/// nobody finished in time.
public struct SignInError: BoxAuthError, Hashable {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The profile's provider is not `oauth2`.
        public static let notOAuth2 = Code("notOAuth2")
        /// The loopback listener could not listen (the port is taken, say).
        public static let cannotListen = Code("cannotListen")
        /// Nobody finished signing in before the deadline.
        public static let timedOut = Code("timedOut")
    }

    /// What went wrong.
    public let code: Code
    /// What went wrong and what to do.
    public let message: String

    /// Configuration for a profile that does not sign in users (exit 2 in the CLI); unavailable
    /// when it cannot listen or timed out (exit 4).
    public var category: BoxAuthErrorCategory { code == .notOAuth2 ? .configuration : .unavailable }

    /// What went wrong and what to do.
    public var description: String { message }

    /// Profile `profile` uses provider `kind`, which does not sign in users.
    public static func notOAuth2(profile: String, kind: String) -> SignInError {
        SignInError(
            code: .notOAuth2,
            message: "profile '\(MessageText.escaped(profile))' uses provider '\(MessageText.escaped(kind))',"
                + " which does not sign in users. Pick a profile with \"provider\": \"oauth2\" (--profile NAME).")
    }

    /// The listener could not listen on 127.0.0.1:`port` (0: a free one) for `detail`.
    public static func cannotListen(port: Int, detail: String) -> SignInError {
        SignInError(
            code: .cannotListen,
            message: "cannot listen on 127.0.0.1:\(port) for Box's callback (\(MessageText.escaped(detail)))."
                + " Pick another port with --port, or leave it out for a free one.")
    }

    /// Nobody finished signing in within `seconds`.
    public static func timedOut(seconds: Double) -> SignInError {
        SignInError(
            code: .timedOut,
            message: "nobody finished signing in within \(Int(seconds)) s, so box-auth is not signed in."
                + " Run box-auth login again (--timeout SECONDS gives more time).")
    }

    private init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
}
