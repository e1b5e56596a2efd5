import Foundation

/// The small HTML page the browser shows after Box sends it back to `box-auth login`.
struct CallbackPage: Sendable, Equatable {
    /// The HTTP status (200, or 400 for a callback that is not this sign-in's).
    let status: Int
    /// The page's heading.
    let title: String
    /// One sentence under it.
    let message: String

    /// The page as HTML, with title and message escaped.
    var html: String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title)) - box-auth</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style>
        </head><body><h1>\(Self.escape(title))</h1><p>\(Self.escape(message))</p></body></html>

        """
    }

    static func signedIn(name: String, profile: String) -> CallbackPage {
        CallbackPage(
            status: 200, title: "Signed in",
            message: "box-auth is signed in as \(name) with profile '\(profile)'. You can close this tab.")
    }

    static let denied = CallbackPage(
        status: 200, title: "Access denied",
        message: "You chose not to grant access, so box-auth is not signed in. You can close this tab.")

    static let wrongState = CallbackPage(
        status: 400, title: "Not this sign-in",
        message: "This address does not belong to the sign-in box-auth is waiting for, so it was not used.")

    static let finished = CallbackPage(
        status: 400, title: "Sign-in already finished", message: "box-auth has already finished this sign-in.")

    static func failed(_ reason: String) -> CallbackPage {
        CallbackPage(status: 200, title: "Sign-in failed", message: reason)
    }

    /// Escapes `&`, `<`, `>`, `"` and `'`.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
