import BoxAuth
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The `next` of a middleware under test: answers each call with the next scripted status (the
/// last one repeats) and records what it was sent, its body read whole.
final class ScriptedNext: Sendable {
    /// One call to `next`.
    struct Call: Sendable {
        let request: HTTPRequest
        let body: Data?
        let baseURL: URL

        /// The value of header `name`, or nil.
        func header(_ name: HTTPField.Name) -> String? { request.headerFields[name] }
        /// How many times header `name` was sent.
        func count(of name: HTTPField.Name) -> Int { request.headerFields[values: name].count }
    }

    private let statuses: [HTTPResponse.Status]
    private let recorded = Mutex<[Call]>([])

    /// Answers with `statuses` in order.
    init(_ statuses: HTTPResponse.Status...) {
        self.statuses = statuses
    }

    /// The calls so far.
    var calls: [Call] { recorded.withLock { $0 } }

    /// The closure to pass as `next`.
    var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) {
        { request, body, baseURL in
            let bytes: Data? = if let body { try await Data(collecting: body, upTo: 1 << 20) } else { nil }
            let index = self.recorded.withLock { calls in
                calls.append(Call(request: request, body: bytes, baseURL: baseURL))
                return calls.count - 1
            }
            let status = self.statuses[min(index, self.statuses.count - 1)]
            return (HTTPResponse(status: status), HTTPBody("answer \(index + 1)"))
        }
    }
}

/// A provider that records which tokens it was told to invalidate, over another provider.
final class InvalidationRecorder: AuthProvider {
    let base: any AuthProvider
    private let invalidatedValues = Mutex<[String]>([])

    init(_ base: any AuthProvider) { self.base = base }

    var kind: String { base.kind }
    var subject: BoxSubject? { base.subject }
    /// The values of the tokens invalidated so far, in order.
    var invalidated: [String] { invalidatedValues.withLock { $0 } }
    func accessToken() async throws -> AccessToken { try await base.accessToken() }
    func invalidate(_ token: AccessToken) async {
        invalidatedValues.withLock { $0.append(token.value) }
        await base.invalidate(token)
    }
}
