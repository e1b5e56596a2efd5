/// The token endpoint answered, but with a refusal or with something that is not a token.
///
/// For a refusal it keeps Box's `error` and `error_description` and the HTTP status, and adds a
/// hint for the refusals people commonly meet.
public struct TokenEndpointError: BoxAuthError, Hashable {
    /// Identifies the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// A 4xx refusal (bad credentials, claims, unauthorized app).
        public static let refused = Code("refused")
        /// 429: too many requests.
        public static let rateLimited = Code("rateLimited")
        /// 5xx: the server failed.
        public static let serverError = Code("serverError")
        /// A redirect, which is never followed so that credentials stay on the configured host.
        public static let redirected = Code("redirected")
        /// A success status whose body is not a usable token response.
        public static let malformedResponse = Code("malformedResponse")
    }

    /// The kind of failure.
    public let code: Code
    /// The HTTP status.
    public let status: Int
    /// The token endpoint URL.
    public let url: String
    /// Box's `error` field, when the body had one.
    public let boxError: String?
    /// Box's `error_description` field, when the body had one.
    public let boxErrorDescription: String?
    /// What is wrong with a malformed response, or nil.
    public let detail: String?
    /// `Retry-After` as sent, for 429 and 503 answers.
    public let retryAfter: String?
    /// The server's `Date` header, used to measure clock skew.
    public let serverDate: String?

    /// Creates an error.
    package init(
        code: Code, status: Int, url: String, boxError: String? = nil, boxErrorDescription: String? = nil,
        detail: String? = nil, retryAfter: String? = nil, serverDate: String? = nil
    ) {
        self.serverDate = serverDate
        self.code = code
        self.status = status
        self.url = url
        self.boxError = boxError
        self.boxErrorDescription = boxErrorDescription
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// ``BoxAuthErrorCategory/refused`` for 4xx refusals, ``BoxAuthErrorCategory/unavailable`` otherwise.
    public var category: BoxAuthErrorCategory { code == .refused ? .refused : .unavailable }

    /// Whether Box refused the assertion's `exp` claim (often a skewed clock).
    package var isExpirationRefusal: Bool { code == .refused && (boxErrorDescription ?? "").contains("'exp'") }
    /// Whether Box refused a reused or malformed `jti`.
    package var isJWTIDRefusal: Bool { code == .refused && (boxErrorDescription ?? "").contains("'jti'") }

    /// What to do about the refusal, for the ones people commonly meet.
    public var hint: String? {
        let text = (boxErrorDescription ?? "").lowercased()
        switch boxError {
        case "unauthorized_client"?:
            return "Authorize the app in the Box Admin Console (Apps > Custom Apps Manager), then try again."
        case "invalid_client"?:
            return "Check the profile's client ID and client secret (or those in config.json)."
        default: break
        }
        if text.contains("'exp'") {
            return "Check this machine's clock (NTP): 'exp' must be at most 60 s after Box's time."
        }
        if text.contains("'sub'") || text.contains("box_subject") {
            return "Check the enterpriseID or user ID, and that the app may act for it."
        }
        if text.contains("'jti'") { return "Every assertion needs a new 'jti'; try again." }
        if text.contains("kid") || text.contains("signature") {
            return "Check that publicKeyID names the public key added to the app in the Developer Console."
        }
        switch code {
        case .rateLimited: return "Box is rate limiting this app; wait and try again."
        case .serverError: return "Box could not answer; try again later."
        case .malformedResponse: return "Check that the profile's 'baseURL' points at Box."
        case .redirected: return "Set the profile's 'baseURL' to the final address."
        default: return nil
        }
    }

    /// One paragraph: status, Box's error, and the hint.
    ///
    /// Text the server sent (Box's `error` and `error_description`, a redirect's `Location`) is shown
    /// with control characters escaped, so that the paragraph stays one line and cannot carry
    /// terminal control sequences.
    public var description: String {
        var text = "\(MessageText.escaped(url)): "
        let detail = detail.map(MessageText.escaped)
        switch code {
        case .malformedResponse: text += "HTTP \(status) but not a token response (\(detail ?? "unreadable"))."
        case .redirected:
            text +=
                "HTTP \(status), a redirect (\(detail ?? "no Location")), not followed so credentials stay on this host."
        case .rateLimited: text += "HTTP 429, too many requests."
        case .serverError: text += "HTTP \(status), the server failed."
        default: text += "HTTP \(status), the token request was refused."
        }
        if let boxError {
            text +=
                " Box says \(MessageText.escaped(boxError))"
                + (boxErrorDescription.map { ": \(MessageText.escaped($0))" } ?? "") + "."
        }
        if let hint { text += " " + hint }
        return text
    }
}
