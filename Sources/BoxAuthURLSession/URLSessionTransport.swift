import BoxAuth
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default `HTTPTransport`: one long-lived `URLSession` (libcurl and the system OpenSSL on Linux)
/// that never follows redirects and keeps no cookies or cache.
///
/// A refused connection fails at once with `TransportError` code `connectionFailed`; a server that
/// accepts but does not answer fails with `timedOut` after the request's timeout.
///
/// The session is created by the first request, so that a process that finds its token in a cache
/// (`box-auth token` with `"cache": "file"`) never sets up `URLSession` and libcurl.
public final class URLSessionTransport: HTTPTransport {
    private let lazySession = Mutex<URLSession?>(nil)

    /// A transport with its own ephemeral session.
    public init() {}

    deinit { lazySession.withLock { $0?.finishTasksAndInvalidate() } }

    private var session: URLSession {
        lazySession.withLock { session in
            if let session { return session }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieStorage = nil
            configuration.httpShouldSetCookies = false
            configuration.urlCache = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            let created = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
            session = created
            return created
        }
    }

    /// Sends the request; redirects come back as 3xx responses.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout
        urlRequest.httpBody = request.body
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw TransportError(
                code: error.code == .timedOut ? .timedOut : .connectionFailed, url: request.url.absoluteString,
                detail: error.localizedDescription)
        } catch {
            throw TransportError(code: .connectionFailed, url: request.url.absoluteString, detail: "\(error)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(
                code: .connectionFailed, url: request.url.absoluteString, detail: "not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return TransportResponse(status: http.statusCode, headers: headers, body: data)
    }
}

/// Answers every redirect with "do not follow", so the 3xx itself is returned.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
