import BoxAuth
import Foundation
import Hummingbird

/// The emulator's routes: Box's token endpoint, its OAuth 2.0 authorization endpoint, and the one
/// API call that proves a token works.
enum EmulatorRouter {
    /// The largest token request body read (Box's forms are well under 8 KiB).
    static let maximumBodySize = 64 * 1024

    /// A router answering `POST /oauth2/token`, `POST /oauth2/revoke`, `GET` and `POST
    /// /api/oauth2/authorize`, `GET /2.0/users/me` and `POST /api/2.0/files/upload_sessions` from `state`; token
    /// requests that get an injected fault are answered by ``answer(_:to:state:stalls:context:)``.
    static func make(state: EmulatorState, stalls: StalledRequests) -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.post("oauth2/token") { request, context -> Response in
            let body = try await request.body.collect(upTo: maximumBodySize)
            let tokenRequest = TokenRequest(body: Data(body.readableBytesView))
            if let fault = await state.receive(tokenRequest) {
                return try await answer(fault, to: tokenRequest, state: state, stalls: stalls, context: context)
            }
            return await exchange(tokenRequest, state: state)
        }
        router.post("oauth2/revoke") { request, _ -> Response in
            let body = try await request.body.collect(upTo: maximumBodySize)
            guard await state.revoke(TokenRequest(body: Data(body.readableBytesView))) else {
                return tokenResponse(.failure(.invalidClient))
            }
            return Response(status: .ok)
        }
        addAuthorizationRoutes(to: router, state: state)
        router.get("2.0/users/me") { request, _ -> Response in
            let answer = await state.currentUser(
                bearer: bearerToken(request.headers[.authorization]), asUser: header("As-User", in: request.headers))
            switch answer {
            case .user(let profile):
                return .json(profile.json, status: .ok)
            case .unauthorized(let challenge):
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: challenge])
            case .forbidden:
                return .json(forbiddenBody, status: .forbidden)
            }
        }
        router.post("api/2.0/files/upload_sessions") { request, _ -> Response in
            let body = try await request.body.collect(upTo: maximumBodySize)
            let bearer = bearerToken(request.headers[.authorization])
            let answer = UploadSessionAnswer(
                token: await state.validToken(bearer: bearer), bearerSent: bearer != nil,
                body: Data(body.readableBytesView))
            switch answer {
            case .created(let id, let totalParts):
                return .json(UploadSessionAnswer.json(id: id, totalParts: totalParts), status: .created)
            case .unauthorized(let challenge):
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: challenge])
            case .badRequest:
                return .json(badRequestBody, status: .badRequest)
            }
        }
        return router
    }

    /// Checks `request` here, outside the state actor (decoded assertion, client credentials,
    /// signature, claims), then lets `state` check the `jti`, issue and count.
    static func exchange(_ request: TokenRequest, state: EmulatorState) async -> Response {
        let verdict = request.verdict(apps: state.apps.snapshot, now: state.clock.now)
        return tokenResponse(await state.exchange(request, verdict: verdict))
    }

    /// The answer to a token request: the token, or Box's refusal.
    static func tokenResponse(_ result: Result<TokenGrantResponse, TokenRejection>) -> Response {
        switch result {
        case .success(let response):
            return .json(response.json, status: .ok, headers: [.cacheControl: "no-store"])
        case .failure(let rejection):
            let body: JSONValue = .object([
                "error": .string(rejection.error), "error_description": .string(rejection.description),
            ])
            return .json(body, status: .badRequest, headers: [.cacheControl: "no-store"])
        }
    }

    /// The token in `Authorization: Bearer <token>`, or nil when there is none.
    static func bearerToken(_ authorization: String?) -> String? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The value of header `name`, matched case-insensitively.
    private static func header(_ name: String, in headers: HTTPFields) -> String? {
        let canonical = name.lowercased()
        return headers.first { $0.name.canonicalName == canonical }?.value
    }

    /// Box's 400 body for an upload session request missing a field.
    private static var badRequestBody: JSONValue {
        .object([
            "type": .string("error"), "status": .integer(400), "code": .string("bad_request"),
            "message": .string("folder_id, file_size and file_name are required"),
        ])
    }

    /// Box's answer when `As-User` names a user the token may not act as.
    private static var forbiddenBody: JSONValue {
        .object([
            "type": .string("error"), "status": .integer(403),
            "code": .string("access_denied_insufficient_permissions"),
            "message": .string("Access denied - insufficient permission"),
            "request_id": .string(IssuedToken.randomValue()),
        ])
    }
}
