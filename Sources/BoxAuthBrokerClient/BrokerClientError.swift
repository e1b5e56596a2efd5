public import BoxAuth

/// The token broker (`box-auth serve`) could not be reached, refused the request, or answered with
/// something that is not a token.
///
/// The message names the broker (its socket or URL), the profile asked for, the HTTP status and
/// the broker's `error` and `message`, and says what to do. It never holds a token or the bearer
/// secret.
public struct BrokerClientError: BoxAuthError, Hashable {
    private enum Code: Hashable {
        case refused
        case malformedResponse
        case unreachable
    }

    private let code: Code
    /// Where the broker is, as messages say it: `the socket '/run/...'` or `http://127.0.0.1:8765`.
    public let broker: String
    /// The broker's profile that was asked for.
    public let profile: String
    /// The HTTP status, when the broker answered.
    public let status: Int?
    /// The broker's `error` code (`unauthorized`, `forbidden`, `unknown_profile`, `box_refused`,
    /// `unavailable`, ...), when its answer had one.
    public let brokerError: String?
    /// The broker's `message`, when its answer had one.
    public let brokerMessage: String?
    /// What went wrong when there was no usable answer (the transport's failure, or what is wrong
    /// with a response that is not a token).
    public let detail: String?
    /// What the broker's connection setting is called in the profile (`socket` or `url`), for hints.
    private let setting: String

    private init(
        code: Code, broker: String, profile: String, setting: String, status: Int? = nil,
        brokerError: String? = nil, brokerMessage: String? = nil, detail: String? = nil
    ) {
        self.code = code
        self.broker = broker
        self.profile = profile
        self.setting = setting
        self.status = status
        self.brokerError = brokerError
        self.brokerMessage = brokerMessage
        self.detail = detail
    }

    /// The broker answered `status` with the error body `{"error": ..., "message": ...}` (fields
    /// that are absent or not strings are nil).
    package static func refused(
        status: Int, brokerError: String?, brokerMessage: String?, broker: String, profile: String, setting: String
    ) -> BrokerClientError {
        BrokerClientError(
            code: .refused, broker: broker, profile: profile, setting: setting, status: status,
            brokerError: brokerError, brokerMessage: brokerMessage)
    }

    /// The broker answered `status` but not with a usable token: `detail` says what is wrong.
    package static func malformedResponse(
        status: Int, detail: String, broker: String, profile: String, setting: String
    ) -> BrokerClientError {
        BrokerClientError(
            code: .malformedResponse, broker: broker, profile: profile, setting: setting, status: status,
            detail: detail)
    }

    /// No answer came from the broker: the transport's `error`.
    package static func unreachable(
        _ error: TransportError, broker: String, profile: String, setting: String
    ) -> BrokerClientError {
        let what = error.code == .timedOut ? "no answer in time" : "cannot connect"
        return BrokerClientError(
            code: .unreachable, broker: broker, profile: profile, setting: setting, detail: "\(what): \(error.detail)")
    }

    /// Whether the broker was not reached at all (no socket, nothing listening, no answer in time).
    public var isUnreachable: Bool { code == .unreachable }

    /// ``BoxAuthErrorCategory/refused`` when the broker refused this caller or profile (4xx but
    /// 429); ``BoxAuthErrorCategory/unavailable`` otherwise (not reached, 429, 5xx, not a token).
    public var category: BoxAuthErrorCategory {
        guard code == .refused, let status, (400..<500).contains(status), status != 429 else { return .unavailable }
        return .refused
    }

    /// What to do about it.
    public var hint: String {
        switch code {
        case .unreachable:
            return setting == "socket"
                ? "Is the token broker (`box-auth serve`) running, and listening on that socket? "
                    + "Check the profile's 'socket' against the path it prints when it starts."
                : "Is the token broker (`box-auth serve --listen HOST:PORT`) running on that address? "
                    + "Check the profile's 'url'."
        case .malformedResponse:
            return "Check that the profile's '\(setting)' points at the token broker (`box-auth serve`), "
                + "and that it is as recent as this program."
        case .refused:
            return refusalHint
        }
    }

    private var refusalHint: String {
        switch (status ?? 0, brokerError) {
        case (401, _):
            return "Check the profile's 'tokenFile': it must hold the secret of a client in the broker's policy "
                + "(\"broker\": {\"clients\": [...]} in its profiles.json)."
        case (403, "forbidden_request"?):
            return "The broker refused the request itself (its headers); check that the profile's '\(setting)' "
                + "reaches the broker directly, not through a proxy."
        case (403, _):
            return "The broker's policy does not allow this user or this profile: add a client for them with "
                + "\(MessageText.quoted(profile)) in its \"profiles\" (\"broker\": {\"clients\": [...]} in the broker's profiles.json)."
        case (404, _):
            return "The broker has no profile \(MessageText.quoted(profile)): check the profile's 'profile' "
                + "against the profiles the broker serves."
        case (429, _):
            return "This client has too many requests in progress at the broker; try again shortly."
        case (502, _):
            return "Box refused the credentials of the broker's profile \(MessageText.quoted(profile)): "
                + "fix that profile where the broker runs (`box-auth token` there shows the same refusal)."
        case (503, _):
            return "The broker cannot reach Box just now; try again later."
        case (500..., _):
            return "The broker failed; see its log."
        default:
            return "Check that the broker and this program are the same version of box-auth."
        }
    }

    /// One paragraph: which broker and profile, what it answered, and what to do.
    public var description: String {
        var text = "token broker at \(broker), profile \(MessageText.quoted(profile)): "
        switch code {
        case .unreachable:
            text += detail ?? "cannot connect"
        case .malformedResponse:
            text += "HTTP \(status ?? 0), but not a token (\(detail ?? "unreadable"))"
        case .refused:
            text += "refused with HTTP \(status ?? 0)"
            if let brokerError { text += " \(MessageText.quoted(brokerError))" }
            if let brokerMessage { text += ": \(MessageText.escaped(brokerMessage))" }
        }
        return text + ". " + hint
    }
}
