import Foundation

/// A fault and how many of the next token requests get it, as `box-auth emulator --fault` takes it.
///
/// The syntax is `KIND[=VALUE][:COUNT]` (COUNT defaults to 1):
///
/// | KIND | the token endpoint |
/// |---|---|
/// | `429`, `429=N` | answers 429 with `Retry-After: N` (default 1) |
/// | `429-date`, `429-date=N` | answers 429 with `Retry-After` as an HTTP date N seconds ahead |
/// | `429-bare` | answers 429 without `Retry-After` |
/// | `500`, `502`, `503`, `504`, any `4xx`/`5xx` | answers that status with Box's JSON error shape |
/// | `close` | closes the connection without answering |
/// | `stall`, `stall=S` | answers after S seconds, or never |
/// | `truncated` | answers 200 with truncated JSON |
/// | `html` | answers 200 with an HTML page |
/// | `no-token` | answers 200 without `access_token` |
/// | `jti` | refuses the assertion's `jti` as reused |
///
/// ```swift
/// let injection = try FaultInjection(parsing: "429:2")   // two 429 answers with Retry-After: 1
/// await emulator.injectFaults(injection.fault, count: injection.count)
/// ```
public struct FaultInjection: Sendable, Hashable, CustomStringConvertible {
    /// A `--fault` value that does not follow the syntax.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The value as given.
        public let text: String
        /// What is wrong with it.
        public let reason: String

        /// One line with the reason and the syntax.
        public var description: String {
            "'\(text)' is not a fault: \(reason). Write KIND[=VALUE][:COUNT], where KIND is 429, 429-date, "
                + "429-bare, a 4xx or 5xx status, close, stall, truncated, html, no-token or jti (e.g. 429:2, stall=5, 503:3)."
        }
    }

    /// The fault.
    public var fault: EmulatorFault
    /// How many of the next token requests get it (at least 1).
    public var count: Int

    /// A fault for the next `count` token requests.
    public init(fault: EmulatorFault, count: Int = 1) {
        self.fault = fault
        self.count = max(1, count)
    }

    /// Reads `KIND[=VALUE][:COUNT]`, e.g. `429:2`, `close`, `stall=5` or `503:3`.
    /// - Throws: ``SyntaxError`` naming what is wrong.
    public init(parsing text: String) throws(SyntaxError) {
        func fail(_ reason: String) -> SyntaxError { SyntaxError(text: text, reason: reason) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let countParts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        var count = 1
        if countParts.count == 2 {
            guard let parsed = Int(countParts[1]), parsed >= 1 else {
                throw fail("the count must be a whole number of 1 or more")
            }
            count = parsed
        }
        let kindParts = countParts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let kind = kindParts[0].lowercased()
        let value = kindParts.count == 2 ? String(kindParts[1]) : nil
        func seconds(default fallback: Int) throws(SyntaxError) -> Int {
            guard let value else { return fallback }
            guard let seconds = Int(value), seconds >= 0 else {
                throw fail("'\(value)' is not a whole number of seconds")
            }
            return seconds
        }
        func noValue() throws(SyntaxError) {
            if let value { throw fail("\(kind) takes no value, but '\(value)' was given") }
        }
        let fault: EmulatorFault
        switch kind {
        case "429": fault = .tooManyRequests(retryAfter: .seconds(try seconds(default: 1)))
        case "429-date": fault = .tooManyRequests(retryAfter: .httpDate(secondsAhead: try seconds(default: 1)))
        case "429-bare": try noValue(); fault = .tooManyRequests(retryAfter: nil)
        case "close": try noValue(); fault = .closeConnection
        case "truncated": try noValue(); fault = .truncatedJSON
        case "html": try noValue(); fault = .html
        case "no-token": try noValue(); fault = .missingAccessToken
        case "jti": try noValue(); fault = .replayedJWTID
        case "stall":
            guard let value else { fault = .stall(); break }
            guard let delay = Double(value), delay >= 0, delay.isFinite else {
                throw fail("'\(value)' is not a number of seconds")
            }
            fault = .stall(answeringAfter: .milliseconds(Int64(delay * 1000)))
        default:
            guard let status = Int(kind), (400...599).contains(status) else { throw fail("unknown kind '\(kind)'") }
            try noValue()
            fault = .status(status)
        }
        self.init(fault: fault, count: count)
    }

    /// `KIND[=VALUE]:COUNT`, e.g. `429=1:2`.
    public var description: String { "\(fault):\(count)" }
}
