import BoxAuth
import Foundation

/// A request the broker refuses or cannot answer: an HTTP status, a code for programs and a message
/// for people (never a token or secret), sent as `{"error": code, "message": message}`.
package struct BrokerFailure: Error, Sendable, Equatable {
    /// The HTTP status.
    package let status: Int
    /// The `error` member: what programs match on.
    package let code: String
    /// The `message` member: what went wrong and what to do.
    package let message: String

    package init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The answer that carries it.
    package var response: BrokerResponse {
        .json(.object(["error": .string(code), "message": .string(message)]), status: status)
    }

    /// 400: the request is malformed.
    package static func badRequest(_ message: String) -> Self {
        Self(status: 400, code: "bad_request", message: message)
    }

    /// 401: a TCP request without the bearer secret, or with a wrong one.
    package static func unauthorized(_ message: String) -> Self {
        Self(status: 401, code: "unauthorized", message: message)
    }

    /// 403: the policy does not let this client do this.
    package static func forbidden(_ message: String) -> Self {
        Self(status: 403, code: "forbidden", message: message)
    }

    /// 403: the request breaks a rule that keeps browsers and forwarded requests out.
    package static func forbiddenRequest(_ message: String) -> Self {
        Self(status: 403, code: "forbidden_request", message: message)
    }

    /// 404: no such route.
    package static let notFound = Self(
        status: 404, code: "not_found",
        message: "no such route; the API is GET /v1/profiles/NAME/token, POST /v1/profiles/NAME/token, "
            + "POST /v1/profiles/NAME/invalidate, GET /v1/health and GET /metrics.")

    /// 404: no such profile.
    package static func unknownProfile(_ name: String) -> Self {
        Self(
            status: 404, code: "unknown_profile",
            message: "the broker has no profile named \(MessageText.quoted(name)); ask its operator which ones it serves.")
    }

    /// 405: a known route with another method.
    package static func methodNotAllowed(_ allowed: String) -> Self {
        Self(status: 405, code: "method_not_allowed", message: "this route takes \(allowed).")
    }

    /// 413: the body is larger than the broker reads.
    package static func tooLarge(limit: Int) -> Self {
        Self(status: 413, code: "request_too_large", message: "the body is over \(limit) bytes.")
    }

    /// 429: the client has too many requests in flight.
    package static func tooManyRequests(limit: Int) -> Self {
        Self(
            status: 429, code: "too_many_requests",
            message: "this client already has \(limit) requests in flight; wait for them, then retry.")
    }

    /// The answer for an error from a profile: 500 for the broker's own configuration, 502 when
    /// Box refused the credentials, 503 when Box or the network is unavailable.
    package static func from(_ error: any Error, profile: String) -> Self {
        if let error = error as? BrokerFailure { return error }
        if let error = error as? ConfigurationError {
            // Its text names files and JSON paths, never a secret.
            return Self(
                status: 500, code: "broker_misconfigured",
                message: "the broker cannot use profile \(MessageText.quoted(profile)): \(error.description)")
        }
        if let error = error as? TokenEndpointError, error.code == .refused {
            let boxError = error.boxError.map { " (\(MessageText.escaped($0)))" } ?? ""
            return Self(
                status: 502, code: "box_refused",
                message: "Box refused the credentials of profile \(MessageText.quoted(profile))\(boxError), HTTP "
                    + "\(error.status); the broker's operator must fix the profile.")
        }
        if let error = error as? any BoxAuthError, error.category == .refused {
            return Self(
                status: 502, code: "box_refused",
                message: "Box refused the request for profile \(MessageText.quoted(profile)): \(error.description)")
        }
        return Self(
            status: 503, code: "unavailable",
            message: "Box or the network is unavailable for profile \(MessageText.quoted(profile)); retry later.")
    }
}
