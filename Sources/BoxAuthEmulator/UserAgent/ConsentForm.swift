import Foundation

/// The form of the emulator's consent page, read back from its HTML as a browser would submit it:
/// its hidden fields, in order, and the users it offers. ``EmulatedUserAgent`` plays the person
/// with it (gets the page, then posts these fields with `user_id` and `consent`); tests read the
/// page with it.
public struct ConsentForm: Sendable {
    /// The page does not hold the consent form.
    public struct NotAForm: Error, CustomStringConvertible {
        /// `the page has no <form method="post" action="/api/oauth2/authorize">`.
        public var description: String { #"the page has no <form method="post" action="/api/oauth2/authorize">"# }
    }

    /// The hidden fields, names and values unescaped, in page order.
    public let hiddenFields: [(String, String)]
    /// The `value`s of the `user_id` options, in page order.
    public let userIDs: [String]
    /// The `value` of the option marked `selected`, if any.
    public let selectedUserID: String?

    /// Reads the form out of `html`.
    /// - Throws: ``NotAForm`` when the page has no consent form.
    public init(html: String) throws {
        guard html.contains(#"<form method="post" action="/api/oauth2/authorize">"#) else { throw NotAForm() }
        hiddenFields = Self.matches(#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#, in: html).map {
            (Self.unescaped($0[0]), Self.unescaped($0[1]))
        }
        let options = Self.matches(#"<option value="([^"]*)"( selected)?>"#, in: html)
        userIDs = options.map { Self.unescaped($0[0]) }
        selectedUserID = options.first { !$0[1].isEmpty }.map { Self.unescaped($0[0]) }
    }

    /// What a browser posts when the user picks `userID` and presses the `consent` button
    /// (`grant` or `deny`).
    public func submission(userID: String, consent: String) -> [(String, String)] {
        hiddenFields + [("user_id", userID), ("consent", consent)]
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    private static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
