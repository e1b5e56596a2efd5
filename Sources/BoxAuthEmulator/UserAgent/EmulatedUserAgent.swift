public import BoxAuth
public import Foundation

/// Plays the person at the emulator's consent page over plain HTTP, as a browser would: opens the
/// authorization address, reads the page's form (``ConsentForm``), then submits "Grant access" (or
/// "Deny") for one of the emulator's users, and returns where the emulator redirects to, without
/// following it.
///
/// The one consent-page player, for the demo and for tests of sign-in flows that need no real
/// browser:
/// ```swift
/// let agent = EmulatedUserAgent(transport: emulator.inProcessTransport)
/// let callback = try await agent.consent(to: request.url, as: "33333")
/// let code = try request.callbackCode(from: AuthorizationRequest.callbackParameters(of: callback))
/// ```
public struct EmulatedUserAgent: Sendable {
    /// What the person does on the page.
    public enum Choice: String, Sendable {
        /// Presses "Grant access".
        case grant
        /// Presses "Deny".
        case deny
    }

    /// Why the page could not be used.
    public struct Failure: Error, CustomStringConvertible {
        /// What happened.
        public let description: String
    }

    /// How requests reach the emulator.
    public let transport: any HTTPTransport

    /// A user agent sending its requests through `transport`.
    public init(transport: any HTTPTransport) { self.transport = transport }

    /// Opens `authorizationURL`, submits `choice` as user `userID`, and returns the redirect's
    /// `Location` (the app's redirect URI with `code` and `state`, or `error=access_denied`).
    /// - Throws: ``Failure`` when the page or the submission is refused (the emulator's status and
    ///   page text are in the message), or a transport error.
    public func consent(to authorizationURL: URL, as userID: String, choice: Choice = .grant) async throws -> URL {
        let answer = try await submit(to: authorizationURL, as: userID, choice: choice)
        guard (300..<400).contains(answer.status), let location = answer.header("location"),
            let url = URL(string: location)
        else {
            throw Failure(
                description: "submitting the consent form answered HTTP \(answer.status): \(Self.text(of: answer.body))"
            )
        }
        return url
    }

    /// Opens `authorizationURL`, reads its consent form, and posts it with `user_id` and `choice`
    /// as the page's buttons do.
    /// - Returns: The emulator's answer to the form, as it came (a `302 Found` when accepted).
    /// - Throws: ``Failure`` when the page is not a consent page (the emulator's status and page
    ///   text are in the message), or a transport error.
    public func submit(to authorizationURL: URL, as userID: String, choice: Choice = .grant) async throws
        -> TransportResponse
    {
        let page = try await transport.send(
            TransportRequest(method: "GET", url: authorizationURL, headers: [("Accept", "text/html")]))
        let html = String(decoding: page.body, as: UTF8.self)
        guard page.status == 200, let form = try? ConsentForm(html: html) else {
            throw Failure(description: "the consent page answered HTTP \(page.status): \(Self.text(of: page.body))")
        }
        guard var action = URLComponents(url: authorizationURL, resolvingAgainstBaseURL: false) else {
            throw Failure(description: "the authorization address is not a URL")
        }
        action.query = nil
        guard let url = action.url else { throw Failure(description: "the authorization address is not a URL") }
        return try await transport.send(
            TransportRequest(
                method: "POST", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: FormEncoding.encode(form.submission(userID: userID, consent: choice.rawValue))))
    }

    private static func text(of body: Data) -> String {
        String(decoding: body.prefix(300), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    }
}
