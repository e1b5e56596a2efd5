package import BoxAuth
import CCurl
import Foundation
import Synchronization

/// One HTTP exchange with libcurl's easy API: a new handle per exchange, no redirects, the
/// request's timeout, and a body cut off past `TransportResponse.maximumBodySize`. It goes over a
/// Unix domain socket (the token broker's) or over the network, through exactly the proxy it is
/// given: libcurl's own reading of `http_proxy`, `https_proxy` and `no_proxy` from the process's
/// environment is switched off (`CURLOPT_PROXY` and `CURLOPT_NOPROXY` are always set).
///
/// ``perform()`` blocks the calling thread until the exchange ends; ``send(_:route:)`` runs it on
/// a thread of its own, never on Swift's cooperative pool.
package struct CurlTransfer {
    /// Where the request goes.
    package enum Route: Sendable {
        /// Over the Unix domain socket at this path; the URL's host is only what goes into `Host`.
        case unixSocket(String)
        /// Over TCP to the URL's host, through the proxy when there is one (in a `CONNECT` tunnel,
        /// for `http` URLs too).
        case network(proxy: ProxyServer?)
    }

    /// Set from another thread to stop a transfer in progress (the task waiting for it was
    /// cancelled); libcurl's progress callback checks it and aborts.
    package final class AbortFlag: Sendable {
        private let flag = Atomic(false)
        /// A flag that is not set.
        package init() {}
        /// Asks the transfer to stop.
        package func set() { flag.store(true, ordering: .relaxed) }
        /// Whether the transfer was asked to stop.
        package var isSet: Bool { flag.load(ordering: .relaxed) }
    }

    /// The request to send.
    package let request: TransportRequest
    /// Where it goes.
    package let route: Route
    /// Stops the transfer when set.
    package let abort: AbortFlag

    /// A transfer of `request` along `route`.
    package init(request: TransportRequest, route: Route, abort: AbortFlag = AbortFlag()) {
        self.request = request
        self.route = route
        self.abort = abort
    }

    /// Sends `request` along `route` on a thread of its own and waits for the answer. (Not a
    /// dispatch queue: on Linux a queue's workers come from the same few threads as Swift's
    /// cooperative pool, so transfers waiting there would stall every task of the process.)
    /// Cancelling the calling task aborts the transfer (within about a second) and throws
    /// `CancellationError`.
    /// - Throws: What ``perform()`` throws.
    package static func send(_ request: TransportRequest, route: Route) async throws -> TransportResponse {
        try Task.checkCancellation()
        let transfer = CurlTransfer(request: request, route: route)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result { try transfer.perform() })
                }
            }
        } onCancel: {
            transfer.abort.set()
        }
    }

    /// libcurl's global state, set up once per process before the first handle.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Sends the request and collects the response.
    /// - Throws: ``TransportError`` (`connectionFailed`, `timedOut`, `responseTooLarge`; naming the
    ///   socket on that route); ``ProxyError`` when the proxy cannot be reached or refuses
    ///   `CONNECT`; `CancellationError` when ``abort`` was set.
    package func perform() throws -> TransportResponse {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw failure(.connectionFailed, "libcurl could not be initialised")
        }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        let collector = CurlResponseCollector(abort: abort)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        var failedOption: CURLcode = CURLE_OK
        func check(_ code: CURLcode) { if code != CURLE_OK, failedOption == CURLE_OK { failedOption = code } }

        check(box_auth_curl_setopt_string(handle, CURLOPT_URL, request.url.absoluteString))
        switch route {
        case .unixSocket(let socketPath):
            check(box_auth_curl_setopt_string(handle, CURLOPT_UNIX_SOCKET_PATH, socketPath))
            check(box_auth_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http"))
        case .network:
            check(box_auth_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        }
        // Exactly this proxy, or none: an empty CURLOPT_PROXY keeps libcurl from taking one from
        // http_proxy or https_proxy, and an empty CURLOPT_NOPROXY from no_proxy.
        let proxy = self.proxy
        check(box_auth_curl_setopt_string(handle, CURLOPT_PROXY, proxy?.description ?? ""))
        check(box_auth_curl_setopt_string(handle, CURLOPT_NOPROXY, ""))
        // A tunnel (CONNECT) for http:// URLs too, as async-http-client does: the proxy never sees
        // the form (with its client secret), and a 407 comes back as the CONNECT's answer, not
        // after the proxy reset a connection it had not read the body from.
        if proxy != nil { check(box_auth_curl_setopt_long(handle, CURLOPT_HTTPPROXYTUNNEL, 1)) }
        if let username = proxy?.username {
            check(box_auth_curl_setopt_string(handle, CURLOPT_PROXYUSERNAME, username.exposedValue))
            check(box_auth_curl_setopt_string(handle, CURLOPT_PROXYPASSWORD, proxy?.password?.exposedValue ?? ""))
        }
        check(box_auth_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        // Threads, not signals, for timeouts (SIGALRM would hit whatever thread the process runs).
        check(box_auth_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        check(box_auth_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeoutMilliseconds))
        check(box_auth_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        check(
            box_auth_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                return Unmanaged<CurlResponseCollector>.fromOpaque(context).takeUnretainedValue().appendBody(data, size * count)
            })
        check(box_auth_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        check(
            box_auth_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                return Unmanaged<CurlResponseCollector>.fromOpaque(context).takeUnretainedValue().addHeader(data, size * count)
            })
        check(box_auth_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        check(box_auth_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
        check(
            box_auth_curl_setopt_progress_callback(handle) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<CurlResponseCollector>.fromOpaque(context).takeUnretainedValue().abort.isSet ? 1 : 0
            })
        check(box_auth_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
        try setMethodAndBody(handle, check)
        for header in request.headers {
            guard let line = Self.headerLine(header) else {
                throw failure(
                    .connectionFailed, "the request header '\(MessageText.escaped(header.name))' is not valid")
            }
            guard let appended = curl_slist_append(headerList, line) else {
                throw failure(.connectionFailed, "out of memory for the request headers")
            }
            headerList = appended
        }
        // No `Expect: 100-continue` round trip for a POST body.
        if let appended = curl_slist_append(headerList, "Expect:") { headerList = appended }
        check(box_auth_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList))
        guard failedOption == CURLE_OK else {
            throw failure(
                .connectionFailed, "libcurl refused an option: \(String(cString: curl_easy_strerror(failedOption)))")
        }

        let code = withExtendedLifetime(collector) { curl_easy_perform(handle) }
        switch code {
        case CURLE_OK:
            var status = 0
            guard box_auth_curl_response_code(handle, &status) == CURLE_OK, status > 0 else {
                throw failure(.connectionFailed, "no HTTP status in the answer")
            }
            return TransportResponse(status: status, headers: collector.headers, body: collector.body)
        case CURLE_WRITE_ERROR where collector.tooLarge:
            throw failure(.responseTooLarge, "more than \(TransportResponse.maximumBodySize) bytes")
        case CURLE_ABORTED_BY_CALLBACK where abort.isSet:
            throw CancellationError()
        case CURLE_OPERATION_TIMEDOUT:
            throw failure(.timedOut, "no answer within \(Self.seconds(request.timeout))")
        default:
            let detail = describe(code, errorBuffer)
            if let proxy, let proxyCode = Self.proxyFailure(code, detail: detail) {
                throw ProxyError(code: proxyCode, proxy: proxy, url: request.url.absoluteString, detail: detail)
            }
            throw failure(.connectionFailed, detail)
        }
    }

    /// What a failed transfer through a proxy says about the proxy: no connection to it (libcurl
    /// connects only to the proxy), or a `CONNECT` it refused; nil for other failures.
    private static func proxyFailure(_ code: CURLcode, detail: String) -> ProxyError.Code? {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY: .unreachable
        case CURLE_PROXY: .refused
        case CURLE_RECV_ERROR where detail.contains("CONNECT"): .refused
        default: nil
        }
    }

    /// The proxy of a ``Route/network(proxy:)`` route.
    private var proxy: ProxyServer? {
        if case .network(let proxy) = route { return proxy }
        return nil
    }

    /// The request's timeout in milliseconds, at least 1 (0 would mean none to libcurl).
    private var timeoutMilliseconds: Int {
        let milliseconds = (request.timeout * 1000).rounded(.up)
        guard milliseconds.isFinite else { return 1_000_000_000 }
        return Int(min(max(milliseconds, 1), 1_000_000_000))
    }

    private func setMethodAndBody(_ handle: UnsafeMutableRawPointer, _ check: (CURLcode) -> Void) throws {
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw failure(.connectionFailed, "the method \(MessageText.quoted(request.method)) is not valid")
        }
        if request.body == nil, method != "POST" {
            switch method {
            case "GET": check(box_auth_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
            case "HEAD": check(box_auth_curl_setopt_long(handle, CURLOPT_NOBODY, 1))
            default: check(box_auth_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method))
            }
        } else {
            let body = request.body ?? Data()
            check(box_auth_curl_setopt_long(handle, CURLOPT_POST, 1))
            check(box_auth_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
            // libcurl copies the body (COPYPOSTFIELDS), so it need not outlive this call.
            var bytes = [UInt8](body)
            bytes.append(0)
            check(
                bytes.withUnsafeMutableBytes {
                    box_auth_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
                })
            if method != "POST" { check(box_auth_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)) }
        }
    }

    /// `5 s`, `0.25 s`.
    private static func seconds(_ value: TimeInterval) -> String {
        value.rounded() == value && abs(value) < 1e9 ? "\(Int(value)) s" : "\(value) s"
    }

    /// `Name: value` (`Name;` for an empty value, as libcurl wants it), or nil when the name is not a
    /// token or either part holds a line break or NUL (header injection).
    private static func headerLine(_ header: (name: String, value: String)) -> String? {
        let forbidden: Set<UInt8> = [0, 0x0A, 0x0D]
        guard !header.name.isEmpty, !header.name.utf8.contains(where: { $0 <= 0x20 || $0 == 0x3A || $0 >= 0x7F }),
            !header.value.utf8.contains(where: forbidden.contains)
        else { return nil }
        return header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
    }

    private func describe(_ code: CURLcode, _ errorBuffer: UnsafeMutablePointer<CChar>) -> String {
        let detail = errorBuffer.pointee == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer)
        guard code == CURLE_COULDNT_CONNECT, case .unixSocket(let socketPath) = route else {
            return MessageText.escaped(detail)
        }
        guard FileManager.default.fileExists(atPath: socketPath) else {
            return "there is no socket at that path (\(MessageText.escaped(detail)))"
        }
        return "nothing accepts connections on it (\(MessageText.escaped(detail)))"
    }

    private func failure(_ code: TransportError.Code, _ detail: String) -> TransportError {
        guard case .unixSocket(let socketPath) = route else {
            return TransportError(code: code, url: request.url.absoluteString, detail: detail)
        }
        return TransportError(
            code: code, url: request.url.absoluteString,
            detail: "unix socket \(MessageText.quoted(socketPath)): \(detail)")
    }
}
