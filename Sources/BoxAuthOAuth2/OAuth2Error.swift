public import BoxAuth
import Foundation

/// Why signing in as a user, or renewing that sign-in, did not work.
///
/// ``description`` says what to do, naming `box-auth login --profile NAME` where signing in again
/// is the fix. It never holds a token, a code or the app's secret.
public struct OAuth2Error: BoxAuthError, Hashable {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// Nobody has signed in with this profile (or they signed out).
        public static let notSignedIn = Code("notSignedIn")
        /// Box refused the stored refresh token (expired, revoked, or used up elsewhere).
        public static let refreshRefused = Code("refreshRefused")
        /// The user (or Box) denied access on the consent page.
        public static let accessDenied = Code("accessDenied")
        /// A callback's `state` is not the one this sign-in sent (a forged or stale redirect).
        public static let stateMismatch = Code("stateMismatch")
        /// A callback address without a code or an error.
        public static let invalidCallback = Code("invalidCallback")
        /// Box refused to exchange the authorization code.
        public static let codeRefused = Code("codeRefused")
    }

    /// What went wrong.
    public let code: Code
    /// The profile concerned, when known.
    public let profile: String?
    /// Box's `error` (for example `invalid_grant` or `access_denied`).
    public let boxError: String?
    /// Box's `error_description`.
    public let boxErrorDescription: String?

    /// Creates an error.
    public init(code: Code, profile: String?, boxError: String? = nil, boxErrorDescription: String? = nil) {
        self.code = code
        self.profile = profile
        self.boxError = boxError
        self.boxErrorDescription = boxErrorDescription
    }

    /// Not signed in, or refused (exit 3 in the CLI) for the rest.
    public var category: BoxAuthErrorCategory { code == .notSignedIn ? .configuration : .refused }

    /// The command that signs in again.
    public var loginCommand: String {
        guard let profile else { return "box-auth login" }
        let plain = profile.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0)
        }
        let argument =
            plain && !profile.isEmpty ? profile : "'" + profile.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        return "box-auth login --profile \(MessageText.escaped(argument))"
    }

    /// What went wrong and what to do.
    public var description: String {
        let subject = profile.map { "profile '\(MessageText.escaped($0))'" } ?? "this profile"
        let box = boxError.map { error in
            " (Box: \(MessageText.escaped(error))" + (boxErrorDescription.map { ": \(MessageText.escaped($0))" } ?? "")
                + ")"
        }
        switch code {
        case .notSignedIn:
            return "nobody is signed in with \(subject). Run `\(loginCommand)` to sign in."
        case .refreshRefused:
            return "Box refused the stored refresh token of \(subject)\(box ?? "");"
                + " it expired, was revoked, or was used up elsewhere. Run `\(loginCommand)` to sign in again."
        case .accessDenied:
            return "access was denied on Box's consent page\(box ?? ""). Run `\(loginCommand)` and choose Grant access."
        case .stateMismatch:
            return "the sign-in callback does not belong to this sign-in (its state differs); it was not used."
                + " Open the address this login printed."
        case .invalidCallback:
            return "the address has neither a code nor an error. Paste the whole address the browser ended on."
        default:
            return "Box refused the authorization code\(box ?? ""). Codes live about 30 seconds and work once;"
                + " run `\(loginCommand)` again."
        }
    }
}
