import BoxAuth
/// The page `GET /api/oauth2/authorize` answers: the app asking for access, the user to sign in as,
/// and one form posting the request back with the user's choice. It works in a browser without
/// JavaScript, and every value in it is HTML-escaped.
struct ConsentPage: Sendable {
    /// One user the form offers.
    struct User: Sendable, Hashable {
        /// The user ID (`user_id`).
        let id: String
        /// The display name.
        let name: String
    }

    /// The checked request.
    let request: ConsentRequest.Accepted
    /// The authorization parameters, carried back in hidden fields.
    let parameters: [(String, String)]

    /// The users the page offers, by ID: the app's known users; the first is selected.
    var users: [User] {
        request.app.knownUserIDs.sorted().map { id in
            User(id: id, name: UserProfile.user(id, of: request.app).name)
        }
    }

    /// The page, as UTF-8 HTML.
    var html: String {
        let appName = request.app.displayName.htmlEscaped
        let hidden = parameters.map { name, value in
            #"    <input type="hidden" name="\#(name.htmlEscaped)" value="\#(value.htmlEscaped)">"#
        }
        let options = users.enumerated().map { index, user in
            let selected = index == 0 ? " selected" : ""
            return
                #"      <option value="\#(user.id.htmlEscaped)"\#(selected)>\#(user.name.htmlEscaped) (\#(user.id.htmlEscaped))</option>"#
        }
        let scope = request.scope.map { "  <p>Scope: <code>\($0.htmlEscaped)</code></p>\n" } ?? ""
        let signInAs = users.first.map { "\($0.name.htmlEscaped) (\($0.id.htmlEscaped))" } ?? "nobody"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Grant access to \(appName) - Box emulator</title>
            </head>
            <body>
              <h1>\(appName) wants to access your Box account</h1>
              <p>Signing in as <strong id="user">\(signInAs)</strong> on the Box emulator.</p>
            \(scope)  <p>Redirects to <code>\(request.redirectURI.htmlEscaped)</code></p>
              <form method="post" action="/api/oauth2/authorize">
            \(hidden.joined(separator: "\n"))
                <label for="user_id">User</label>
                <select name="user_id" id="user_id">
            \(options.joined(separator: "\n"))
                </select>
                <button type="submit" name="consent" value="grant" id="grant">Grant access</button>
                <button type="submit" name="consent" value="deny" id="deny">Deny</button>
              </form>
            </body>
            </html>

            """
    }
}
