import BoxAuth
import Foundation

/// Plays the person at the emulator's consent page over plain HTTP, as a browser would: opens the
/// authorization address, then submits "Grant access" (or "Deny") for one of the emulator's
/// users, and returns where the emulator redirects to, without following it.
///
/// For the demo and for tests of sign-in flows that need no real browser:
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
        let page = try await transport.send(
            TransportRequest(method: "GET", url: authorizationURL, headers: [("Accept", "text/html")]))
        guard page.status == 200 else {
            throw Failure(description: "the consent page answered HTTP \(page.status): \(Self.text(of: page.body))")
        }
        guard let components = URLComponents(url: authorizationURL, resolvingAgainstBaseURL: false) else {
            throw Failure(description: "the authorization address has no query")
        }
        var fields = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        fields += [("user_id", userID), ("consent", choice.rawValue)]
        var post = components
        post.query = nil
        guard let action = post.url else { throw Failure(description: "the authorization address is not a URL") }
        let answer = try await transport.send(
            TransportRequest(
                method: "POST", url: action, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: FormEncoding.encode(fields)))
        guard (300..<400).contains(answer.status), let location = answer.header("location"),
            let url = URL(string: location)
        else {
            throw Failure(
                description: "submitting the consent form answered HTTP \(answer.status): \(Self.text(of: answer.body))"
            )
        }
        return url
    }

    private static func text(of body: Data) -> String {
        String(decoding: body.prefix(300), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    }
}
