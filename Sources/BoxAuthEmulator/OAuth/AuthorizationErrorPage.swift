import BoxAuth
/// The page the authorization endpoint answers (HTTP 400) when it must not redirect: an unknown
/// client, an unacceptable redirect URI, or a consent form that does not make sense.
struct AuthorizationErrorPage: Sendable {
    /// What went wrong and what to do, in plain text (escaped when rendered).
    let message: String

    /// The page, as UTF-8 HTML.
    var html: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Authorization failed - Box emulator</title>
        </head>
        <body>
          <h1>Authorization failed</h1>
          <p id="error">\(message.htmlEscaped)</p>
        </body>
        </html>

        """
    }
}
