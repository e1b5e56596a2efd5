import BoxAuth
import Foundation

/// The small HTML page the browser shows when Box sends it back to a ``SignIn``'s loopback listener
/// (and, for a pasted address, what became of it).
public struct CallbackPage: Sendable, Hashable {
    /// The HTTP status: 200, or 400 for a callback or pasted text that is not this sign-in's.
    public let status: Int
    /// The page's heading.
    public let title: String
    /// One sentence under it.
    public let message: String

    /// A page with these values (title and message are escaped when rendered).
    public init(status: Int, title: String, message: String) {
        self.status = status
        self.title = title
        self.message = message
    }

    /// The page as HTML, with title and message escaped.
    public var html: String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title.htmlEscaped) - box-auth</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style>
        </head><body><h1>\(title.htmlEscaped)</h1><p>\(message.htmlEscaped)</p></body></html>

        """
    }

    /// The sign-in worked: `name` is signed in with `profile`.
    public static func signedIn(name: String, profile: String?) -> CallbackPage {
        let with = profile.map { " with profile '\($0)'" } ?? ""
        return CallbackPage(
            status: 200, title: "Signed in", message: "box-auth is signed in as \(name)\(with). You can close this tab.")
    }

    /// The person chose Deny on Box's consent page.
    public static let denied = CallbackPage(
        status: 200, title: "Access denied",
        message: "You chose not to grant access, so box-auth is not signed in. You can close this tab.")

    /// A callback whose `state` is not this sign-in's (forged or stale): not used; the sign-in waits on.
    public static let wrongState = CallbackPage(
        status: 400, title: "Not this sign-in",
        message: "This address does not belong to the sign-in box-auth is waiting for, so it was not used.")

    /// A callback after the sign-in ended (or while the first matching one is being exchanged).
    public static let finished = CallbackPage(
        status: 400, title: "Sign-in already finished", message: "box-auth has already finished this sign-in.")

    /// Pasted text that is not an address with a query: not used; the sign-in waits on.
    public static let notAnAddress = CallbackPage(
        status: 400, title: "Not an address",
        message: "That is not an address with a code; paste the whole address the browser ended on.")

    /// The sign-in ended with an error; `reason` says which.
    public static func failed(_ reason: String) -> CallbackPage {
        CallbackPage(status: 200, title: "Sign-in failed", message: reason)
    }
}
