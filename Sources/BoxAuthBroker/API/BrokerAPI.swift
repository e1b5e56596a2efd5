@_spi(Plumbing) import BoxAuth
package import Foundation
package import Logging
import Tracing

/// The broker's JSON API, independent of the HTTP server: screens each request, identifies its
/// client, applies the policy and the per-client cap, answers from the profiles' caches, and
/// writes the audit line and the metrics.
///
/// Routes (see the DocC article "A token broker for other languages"):
/// - `GET /v1/profiles/{name}/token`: the profile's token (downscoped when the policy says so)
/// - `POST /v1/profiles/{name}/token` with `{"scopes", "resource"?, "sharedLink"?}`: a downscoped one
/// - `POST /v1/profiles/{name}/invalidate` with `{"access_token"}`: drop it if it is current
/// - `GET /v1/health`, `GET /metrics`
package struct BrokerAPI: Sendable {
    let profiles: BrokerProfiles
    let cap: ConcurrencyCap
    let metrics: BrokerMetrics
    let limits: TokenBroker.Limits
    let logger: Logger
    let now: @Sendable () -> Date

    package init(
        profiles: BrokerProfiles, limits: TokenBroker.Limits, metrics: BrokerMetrics, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.profiles = profiles
        self.cap = ConcurrencyCap(limit: limits.requestsPerClient)
        self.metrics = metrics
        self.limits = limits
        self.logger = logger
        self.now = now
    }

    /// What a request asks for, once its path is read.
    enum Route: Sendable {
        case token(profile: String)
        case invalidate(profile: String)
        case health
        case metrics
        case unknown

        /// The route's name in audit lines and metrics (bounded: no profile names).
        var name: String {
            switch self {
            case .token: "token"
            case .invalidate: "invalidate"
            case .health: "health"
            case .metrics: "metrics"
            case .unknown: "unknown"
            }
        }

        var profile: String? {
            switch self {
            case .token(let name), .invalidate(let name): name
            default: nil
            }
        }

        init(path: String) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            switch parts.count {
            case 2 where parts[1] == "metrics": self = .metrics
            case 3 where parts[1] == "v1" && parts[2] == "health": self = .health
            case 5 where parts[1] == "v1" && parts[2] == "profiles" && !parts[3].isEmpty:
                let segment = String(parts[3])
                guard let name = segment.contains("%") ? segment.removingPercentEncoding : segment, !name.isEmpty
                else {
                    self = .unknown
                    return
                }
                switch parts[4] {
                case "token": self = .token(profile: name)
                case "invalidate": self = .invalidate(profile: name)
                default: self = .unknown
                }
            default: self = .unknown
            }
        }
    }

    /// What the audit line says about one answered request.
    private struct Outcome {
        var client = "-"
        var askedBox = false
        var route: Route
    }

    /// Answers `request`, inside the caller's trace: the token requests it makes are children of
    /// the server span of Hummingbird's `TracingMiddleware` (the bootstrapped tracer reads the
    /// caller's `traceparent`), or, when the registry has a tracer of its own, of the context that
    /// tracer reads from the request's headers.
    package func respond(to request: BrokerRequest) async -> BrokerResponse {
        guard let tracer = profiles.tracer else { return await answerAndAudit(request) }
        var context = InstrumentationContext.current ?? .topLevel
        tracer.extract(request.headers, into: &context, using: BrokerHeaderExtractor())
        return await InstrumentationContext.$current.withValue(context) { await answerAndAudit(request) }
    }

    private func answerAndAudit(_ request: BrokerRequest) async -> BrokerResponse {
        var outcome = Outcome(route: Route(path: request.path))
        let response: BrokerResponse
        do throws(BrokerFailure) {
            response = try await answer(request, outcome: &outcome)
        } catch {
            response = error.response
        }
        audit(request, outcome: outcome, status: response.status)
        return response
    }

    private func answer(_ request: BrokerRequest, outcome: inout Outcome) async throws(BrokerFailure) -> BrokerResponse {
        if request.listener == .socket, let peer = request.peer { outcome.client = "uid:\(peer.uid)" }
        try RequestScreen.check(request)
        let client = try profiles.access.client(for: request)
        outcome.client = client.name
        guard request.body.count <= limits.maximumBodySize else { throw .tooLarge(limit: limits.maximumBodySize) }
        let route = outcome.route
        let result = try await cap.run(for: client.name) { () async -> Result<(BrokerResponse, Bool), BrokerFailure> in
            do throws(BrokerFailure) {
                return .success(try await handle(route, request, client: client))
            } catch {
                return .failure(error)
            }
        }
        let (response, askedBox) = try result.get()
        outcome.askedBox = askedBox
        return response
    }

    private func handle(
        _ route: Route, _ request: BrokerRequest, client: BrokerClient
    ) async throws(BrokerFailure) -> (BrokerResponse, Bool) {
        switch route {
        case .health:
            try require("GET", request)
            return (.json(.object(["status": .string("ok"), "profiles": .integer(Int64(profiles.count))])), false)
        case .metrics:
            try require("GET", request)
            return (BrokerResponse(status: 200, body: Data(metrics.text()), contentType: BrokerResponse.prometheusText), false)
        case .token(let name):
            guard request.method == "GET" || request.method == "POST" else { throw .methodNotAllowed("GET or POST") }
            let served = try servedProfile(name, for: client)
            let requested = request.method == "POST" ? try downscope(in: request.body) : nil
            return try await token(served, downscope: try effectiveDownscope(requested, for: client, profile: name))
        case .invalidate(let name):
            try require("POST", request)
            let served = try servedProfile(name, for: client)
            try await invalidate(try accessToken(in: request.body), in: served, for: client)
            return (.noContent, false)
        case .unknown:
            throw .notFound
        }
    }

    private func require(_ method: String, _ request: BrokerRequest) throws(BrokerFailure) {
        guard request.method == method else { throw .methodNotAllowed(method) }
    }

    private func servedProfile(_ name: String, for client: BrokerClient) throws(BrokerFailure) -> BrokerProfiles.ServedProfile {
        guard client.allows(name) else {
            throw .forbidden(
                "client \(MessageText.quoted(client.name)) may not use profile \(MessageText.quoted(name)); the "
                    + "broker's policy in profiles.json lists the profiles each client may use.")
        }
        return try profiles.served(name)
    }

    /// The downscope a token request gets: the one asked for, within the client's forced one.
    private func effectiveDownscope(
        _ requested: BrokerDownscope?, for client: BrokerClient, profile: String
    ) throws(BrokerFailure) -> BrokerDownscope? {
        guard let forced = client.downscope else { return requested }
        guard var requested else { return forced }
        // A request that names no item gets the client's item.
        if requested.target == .any { requested = BrokerDownscope(scopes: requested.scopes, target: forced.target) }
        guard requested.isWithin(forced) else {
            throw .forbidden(
                "client \(MessageText.quoted(client.name)) gets tokens of profile \(MessageText.quoted(profile)) "
                    + "restricted to scopes \(forced.scopes.joined(separator: " "))\(Self.describe(forced.target)); "
                    + "ask for those or fewer.")
        }
        return requested
    }

    private static func describe(_ target: TokenEndpoint.DownscopeTarget) -> String {
        switch target {
        case .any: ""
        case .resource(let url): " on \(url.absoluteString)"
        case .sharedLink: " on one shared link"
        }
    }

    private func token(
        _ served: BrokerProfiles.ServedProfile, downscope: BrokerDownscope?
    ) async throws(BrokerFailure) -> (BrokerResponse, Bool) {
        let profile = served.profile
        do {
            if let downscope {
                let (token, fetched) = try await served.downscoped.token(downscope)
                let body = TokenAnswer.body(token, asUser: profile.options.asUser, downscoped: true, now: now())
                return (BrokerResponse(status: 200, body: body), fetched)
            }
            // The warm path: a fresh token in the cache, answered without suspending.
            let token: AccessToken
            let fetched: Bool
            if let cache = served.cache {
                if let fresh = cache.freshToken() {
                    (token, fetched) = (fresh, false)
                } else {
                    let before = cache.fetchCount
                    token = try await profile.accessToken()
                    fetched = cache.fetchCount != before
                }
            } else {
                (token, fetched) = (try await profile.accessToken(), false)
            }
            let body = served.answer.body(token, asUser: profile.options.asUser, downscoped: false, now: now())
            return (BrokerResponse(status: 200, body: body), fetched)
        } catch {
            throw BrokerFailure.from(error, profile: profile.name)
        }
    }

    private func invalidate(
        _ value: String, in served: BrokerProfiles.ServedProfile, for client: BrokerClient
    ) async throws(BrokerFailure) {
        if served.downscoped.invalidate(value) { return }
        // A client restricted to downscoped tokens never sees the profile's own, so cannot drop it.
        guard client.downscope == nil else { return }
        let profile = served.profile
        guard let cache = served.cache else {
            await profile.invalidate(AccessToken(value: value, expiresAt: now()))
            return
        }
        // The cache drops it only if it is the current token; another caller's newer one stays.
        cache.invalidate(AccessToken(value: value, expiresAt: now()))
    }

    private func downscope(in body: Data) throws(BrokerFailure) -> BrokerDownscope {
        let json = try Self.jsonObject(body)
        do {
            return try BrokerDownscope(json: json, file: nil, path: .root)
        } catch {
            throw .badRequest(error.message)
        }
    }

    private func accessToken(in body: Data) throws(BrokerFailure) -> String {
        guard case .object(let members) = try Self.jsonObject(body),
            case .string(let value)? = members["access_token"], !value.isEmpty
        else {
            throw .badRequest("the body must be {\"access_token\": \"...\"}, the token Box refused.")
        }
        return value
    }

    private static func jsonObject(_ body: Data) throws(BrokerFailure) -> JSONValue {
        guard let json = try? JSONDocument.parse(body, file: "the request body"), case .object = json else {
            throw .badRequest("the body must be a JSON object.")
        }
        return json
    }

    /// One line per request: who, which profile, which route, the status, whether Box was asked.
    private func audit(_ request: BrokerRequest, outcome: Outcome, status: Int) {
        logger.info(
            "broker request",
            metadata: [
                "client": "\(outcome.client)", "listener": "\(request.listener.rawValue)",
                "method": "\(request.method)", "route": "\(outcome.route.name)",
                "profile": "\(outcome.route.profile.map(MessageText.escaped) ?? "-")", "status": "\(status)",
                "box": "\(outcome.askedBox ? "asked" : "no")",
            ])
        metrics.request(route: outcome.route.name, status: status, client: outcome.client, askedBox: outcome.askedBox)
    }
}

/// Reads trace context (`traceparent`, `tracestate`, or a test tracer's fields) from a broker
/// request's header fields.
struct BrokerHeaderExtractor: Extractor {
    func extract(key: String, from carrier: [(name: String, value: String)]) -> String? {
        let name = key.lowercased()
        return carrier.first { $0.name == name }?.value
    }
}
