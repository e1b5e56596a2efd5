import BoxAuthOAuth2
import Foundation

/// Addresses the person pastes: the one the browser ended on, for a sign-in whose browser runs on
/// another machine (or whose redirect URI is not this machine's loopback).
///
/// A ``SignIn`` reads ``lines`` while it waits, checks each line as it checks a callback, and tells
/// ``reply`` what became of it: ``CallbackPage/notAnAddress`` for text that is not an address with
/// a query, ``CallbackPage/wrongState`` for another sign-in's address (it waits on), or the page
/// the browser would have shown.
///
/// ```swift
/// let (lines, input) = AsyncStream.makeStream(of: String.self)
/// let pasted = PastedAddresses(lines) { page in if page.status != 200 { print(page.message) } }
/// // input.yield("http://127.0.0.1:8765/callback?code=...&state=...")
/// ```
public struct PastedAddresses: Sendable {
    /// The pasted lines; blank lines are skipped.
    public let lines: AsyncStream<String>
    /// Gets the page each non-blank line led to.
    public let reply: @Sendable (CallbackPage) -> Void

    /// Addresses from `lines`, with what became of each given to `reply`.
    public init(_ lines: AsyncStream<String>, reply: @escaping @Sendable (CallbackPage) -> Void = { _ in }) {
        self.lines = lines
        self.reply = reply
    }

    /// Lines read from standard input, on a thread of their own (reading blocks), so the
    /// cooperative pool stays free.
    ///
    /// > Important: The thread reads until standard input ends, also after the sign-in is over;
    /// > use this in a command-line tool that exits after signing in.
    public static func standardInput(reply: @escaping @Sendable (CallbackPage) -> Void) -> PastedAddresses {
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let thread = Thread {
            while let line = readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        thread.start()
        return PastedAddresses(lines, reply: reply)
    }

    /// The callback query parameters of a pasted line; nil when it is not an address with a query.
    static func callbackParameters(of line: String) -> [String: String]? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: text), url.query != nil else { return nil }
        return AuthorizationRequest.callbackParameters(of: url)
    }
}
