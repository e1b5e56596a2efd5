public import Foundation
public import Logging

extension TokenEndpoint {
    /// Requests a token under ``retryPolicy``, building a fresh form for every attempt.
    ///
    /// - 429, 5xx and transport failures are retried with full-jitter backoff, honouring
    ///   `Retry-After` (seconds or an HTTP date) unless it reaches past the deadline. A response
    ///   too large to read (``TransportError/Code/responseTooLarge``) is not retried.
    /// - A refused `exp` claim measures the skew between the server's `Date` header and this clock,
    ///   keeps it in `skew` for later assertions, logs a warning and retries once.
    /// - A refused `jti` is retried once (the next form has a new one). Other refusals are final.
    /// - Task cancellation ends a wait (or a request in flight) at once with `CancellationError`.
    /// - Parameters:
    ///   - skew: The provider's clock offset, for grants whose form carries times (JWT); nil otherwise.
    ///   - logger: Receives one debug line per attempt and warnings for skew and retries.
    ///   - form: Builds the form for one attempt, given the (skew-corrected) current time.
    public func requestToken(
        skew: ClockSkew? = nil, logger: Logger? = nil, form: (Date) throws -> [(String, String)]
    ) async throws -> AccessToken {
        try await requestWithRetries(skew: skew, logger: logger, form: form).accessToken
    }

    /// Requests a token pair under ``retryPolicy`` (the OAuth 2.0 `authorization_code` and
    /// `refresh_token` grants), retrying as ``requestToken(skew:logger:form:)`` does.
    /// - Throws: ``TokenEndpointError`` (``TokenEndpointError/Code/malformedResponse``) when the
    ///   answer has no `refresh_token`, and as ``requestToken(skew:logger:form:)`` otherwise.
    public func requestTokenPair(
        logger: Logger? = nil, form: (Date) throws -> [(String, String)]
    ) async throws -> TokenPair {
        let response = try await requestWithRetries(skew: nil, logger: logger, form: form)
        guard let refreshToken = response.refreshToken else {
            throw TokenEndpointError(
                code: .malformedResponse, status: 200, url: url.absoluteString, detail: "no refresh_token string")
        }
        return TokenPair(accessToken: response.accessToken, refreshToken: refreshToken)
    }

    private func requestWithRetries(
        skew: ClockSkew?, logger: Logger?, form: (Date) throws -> [(String, String)]
    ) async throws -> TokenResponse {
        let clock = RetryClock.current
        let start = clock.now()
        let deadline = start + .clampedSeconds(retryPolicy.deadline)
        var correctedSkew = false
        var renewedJWTID = false
        for attempt in 1... {
            try Task.checkCancellation()
            let remaining = Self.seconds(deadline - clock.now())
            do {
                let fields = try form(skew?.now() ?? Date())
                return try await send(
                    form: fields, timeout: min(timeout, max(remaining, 0.001)), attempt: attempt, logger: logger)
            } catch {
                // A cancelled request fails like a broken connection; it must end the fetch instead.
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                var wait: TimeInterval
                switch error {
                case let failure as TransportError where failure.code != .responseTooLarge:
                    // A body past the size limit is not retried: the server would send it again.
                    wait = retryPolicy.backoff(afterAttempt: attempt)
                case let refusal as TokenEndpointError
                where refusal.code == .rateLimited || refusal.code == .serverError:
                    wait =
                        RetryPolicy.retryAfter(refusal.retryAfter, serverDate: refusal.serverDate)
                        ?? retryPolicy.backoff(afterAttempt: attempt)
                case let refusal as TokenEndpointError
                where refusal.isExpirationRefusal && skew != nil && !correctedSkew:
                    // Retry only when the clocks really differ; otherwise 'exp' was refused for another reason.
                    guard let offset = skew?.measure(serverDate: refusal.serverDate), abs(offset) >= 2 else {
                        throw error
                    }
                    correctedSkew = true
                    logger?.warning(
                        "the token endpoint refused the assertion's time; correcting for clock skew",
                        metadata: ["skew": "\(String(format: "%+.0f", offset))s"])
                    wait = 0
                case let refusal as TokenEndpointError where refusal.isJWTIDRefusal && !renewedJWTID:
                    renewedJWTID = true
                    wait = 0
                default:
                    throw error
                }
                let left = Self.seconds(deadline - clock.now())
                guard attempt < retryPolicy.maxAttempts, wait < left else { throw error }
                logger?.debug(
                    "retrying token request",
                    metadata: ["attempt": "\(attempt)", "wait": "\(String(format: "%.3f", wait))s"])
                if wait > 0 { try await clock.sleep(.clampedSeconds(wait)) }
            }
        }
        preconditionFailure("the attempt loop only ends by returning or throwing")
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
