public import BoxAuth
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import BoxAuthCurl
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
///
/// Proxies: the request's ``BoxAuth/TransportRequest/proxy`` decides, never the process's
/// environment. On Linux, FoundationNetworking ignores `connectionProxyDictionary`, and its libcurl
/// reads `http_proxy`, `https_proxy` and `no_proxy` from the process's environment on its own; so a
/// request that goes through a proxy, and every request while the process's environment names one,
/// is sent with libcurl's easy API directly, with exactly the request's proxy (or none), in a
/// `CONNECT` tunnel for `http://` URLs too. On Apple platforms the session of a proxy has it in its
/// `connectionProxyDictionary` (untested here).
/// A proxy that cannot be reached, that answers `407` or refuses `CONNECT` is a `ProxyError`.
public final class URLSessionTransport: HTTPTransport {
    private let sessions = Mutex<[ProxyServer?: URLSession]>([:])
    private let delegate = SessionDelegate()

    /// A transport with its own ephemeral sessions (one per proxy).
    public init() {}

    deinit { sessions.withLock { $0.values.forEach { $0.finishTasksAndInvalidate() } } }

    private func session(for proxy: ProxyServer?) -> URLSession {
        sessions.withLock { sessions in
            if let session = sessions[proxy] { return session }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieStorage = nil
            configuration.httpShouldSetCookies = false
            configuration.urlCache = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            var proxies: [AnyHashable: Any] = [:]
            if let proxy {
                proxies = [
                    "HTTPEnable": 1, "HTTPProxy": proxy.host, "HTTPPort": proxy.port,
                    "HTTPSEnable": 1, "HTTPSProxy": proxy.host, "HTTPSPort": proxy.port,
                ]
            }
            configuration.connectionProxyDictionary = proxies
            let created = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
            sessions[proxy] = created
            return created
        }
    }

    #if canImport(FoundationNetworking)
    /// Whether the process's environment names a proxy that FoundationNetworking's libcurl would
    /// use on its own (`http_proxy`, `https_proxy`, `HTTPS_PROXY`, `all_proxy`, `ALL_PROXY`).
    private static let processEnvironmentNamesProxy: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"].contains {
            !(environment[$0] ?? "").isEmpty
        }
    }()
    #endif

    /// Sends the request; redirects come back as 3xx responses.
    ///
    /// The body is collected as it arrives, and past `TransportResponse.maximumBodySize` the task
    /// is cancelled (at once when `Content-Length` announces more): nothing past the limit is
    /// kept, and reading stops once the cancellation reaches libcurl.
    /// - Throws: `TransportError` with code `timedOut` when no response came within the request's
    ///   timeout, `responseTooLarge` for a body past the size limit, `connectionFailed` otherwise;
    ///   `ProxyError` when the request's proxy cannot be reached or refuses it (`407`, `CONNECT`).
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let proxy = request.proxy.proxy(for: request.url)
        #if canImport(FoundationNetworking)
        if proxy != nil || Self.processEnvironmentNamesProxy {
            return try Self.checked(
                try await CurlTransfer.send(request, route: .network(proxy: proxy)), proxy: proxy, url: request.url)
        }
        #endif
        do {
            return try Self.checked(try await sendWithSession(request, proxy: proxy), proxy: proxy, url: request.url)
        } catch let error as TransportError where error.code == .connectionFailed {
            guard let proxy else { throw error }
            throw ProxyError(code: .unreachable, proxy: proxy, url: error.url, detail: error.detail)
        }
    }

    /// `response`, unless the proxy answered it: `407 Proxy Authentication Required` is a
    /// `ProxyError`.
    private static func checked(_ response: TransportResponse, proxy: ProxyServer?, url: URL) throws -> TransportResponse {
        guard let proxy, response.status == 407 else { return response }
        throw ProxyError(
            code: .refused, proxy: proxy, url: url.absoluteString,
            detail: proxy.hasCredentials
                ? "407 Proxy Authentication Required: it did not accept the credentials"
                : "407 Proxy Authentication Required: it wants credentials")
    }

    private func sendWithSession(_ request: TransportRequest, proxy: ProxyServer?) async throws -> TransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout
        urlRequest.httpBody = request.body
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if let authorization = proxy?.basicAuthorization, request.url.scheme?.lowercased() == "http" {
            urlRequest.setValue(authorization.exposedValue, forHTTPHeaderField: "Proxy-Authorization")
        }
        let url = request.url.absoluteString
        let task = session(for: proxy).dataTask(with: urlRequest)
        let (data, response) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.start(task, url: url, continuation: continuation)
            }
        } onCancel: {
            task.cancel()
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return TransportResponse(status: response.statusCode, headers: headers, body: data)
    }
}

/// The session's delegate: refuses every redirect (so the 3xx itself is returned), collects each
/// task's body up to the size limit, and finishes the task's continuation.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
    typealias Continuation = CheckedContinuation<(Data, HTTPURLResponse), any Error>

    private struct Pending {
        let url: String
        let continuation: Continuation
        var data = Data()
        var response: HTTPURLResponse?
        var tooLarge = false
    }

    private let pending = Mutex<[Int: Pending]>([:])

    /// Registers `task` and starts it; `continuation` is resumed once, when it completes.
    func start(_ task: URLSessionDataTask, url: String, continuation: Continuation) {
        pending.withLock { $0[task.taskIdentifier] = Pending(url: url, continuation: continuation) }
        task.resume()
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let announcedTooLarge = response.expectedContentLength > Int64(TransportResponse.maximumBodySize)
        pending.withLock { tasks in
            tasks[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse
            if announcedTooLarge { tasks[dataTask.taskIdentifier]?.tooLarge = true }
        }
        completionHandler(announcedTooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflowed = pending.withLock { tasks -> Bool in
            guard var task = tasks[dataTask.taskIdentifier], !task.tooLarge else { return false }
            if task.data.count + data.count > TransportResponse.maximumBodySize {
                task.tooLarge = true
                task.data = Data()
            } else {
                task.data.append(data)
            }
            tasks[dataTask.taskIdentifier] = task
            return task.tooLarge
        }
        if overflowed { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let finished = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        let url = finished.url
        if finished.tooLarge {
            finished.continuation.resume(throwing: TransportError.responseTooLarge(url: url))
        } else if let error = error as? URLError {
            finished.continuation.resume(
                throwing: TransportError(
                    code: error.code == .timedOut ? .timedOut : .connectionFailed, url: url,
                    detail: error.localizedDescription))
        } else if let error {
            finished.continuation.resume(
                throwing: TransportError(code: .connectionFailed, url: url, detail: "\(error)"))
        } else if let response = finished.response ?? task.response as? HTTPURLResponse {
            finished.continuation.resume(returning: (finished.data, response))
        } else {
            finished.continuation.resume(
                throwing: TransportError(code: .connectionFailed, url: url, detail: "not an HTTP response"))
        }
    }
}
