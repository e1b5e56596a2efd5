import Foundation
import Tracing

extension TokenEndpoint {
    /// Sends one attempt inside a client span named as OpenTelemetry's HTTP client conventions say
    /// (`POST`, with `http.request.method`, `server.address`, `server.port`, `url.template`,
    /// `http.response.status_code`, `http.request.resend_count` from the second attempt on, and
    /// `error.type` with an error status on failure). A child of the `box_auth.token` span when a
    /// ``TokenCache`` asked; the form's fields are never recorded.
    func traced(
        attempt: Int, _ send: () async throws -> TransportResponse, decode: (TransportResponse) throws -> TokenResponse
    ) async throws -> TokenResponse {
        let tracer = self.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan("POST", ofKind: .client)
        defer { span.end() }
        // No tracer bootstrapped (a no-op span): no attributes to build.
        guard span.isRecording else { return try decode(try await send()) }
        span.updateAttributes { attributes in
            attributes["http.request.method"] = "POST"
            if let host = url.host { attributes["server.address"] = host }
            attributes["server.port"] = url.port ?? (url.scheme == "http" ? 80 : 443)
            attributes["url.template"] = TracingAttribute.tokenURLTemplate
            if attempt > 1 { attributes["http.request.resend_count"] = attempt - 1 }
        }
        do {
            let response = try await send()
            span.attributes["http.response.status_code"] = response.status
            return try decode(response)
        } catch {
            span.attributes["error.type"] = Self.errorType(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    /// OpenTelemetry's `error.type` for a failed token request: the HTTP status for a refusal
    /// (`"400"`, `"503"`), else a stable name (`timeout`, `connection_failed`, ...).
    package static func errorType(_ error: any Error) -> String {
        switch error {
        case let refusal as TokenEndpointError where refusal.status >= 400:
            String(refusal.status)
        case is TokenEndpointError:
            "malformed_response"
        case let failure as TransportError where failure.code == .timedOut:
            "timeout"
        case let failure as TransportError where failure.code == .responseTooLarge:
            "response_too_large"
        case is TransportError:
            "connection_failed"
        case is CancellationError:
            "cancelled"
        default:
            String(describing: type(of: error))
        }
    }
}
