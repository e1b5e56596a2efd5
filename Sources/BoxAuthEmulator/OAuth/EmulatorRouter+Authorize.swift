import BoxAuth
import Foundation
import Hummingbird

extension EmulatorRouter {
    /// The authorization endpoint's path, routed with and without a leading slash.
    static let authorizePath = "api/oauth2/authorize"

    /// Adds `GET /api/oauth2/authorize` (the consent page) and `POST /api/oauth2/authorize` (the
    /// consent form: a `302 Found` to the redirect URI with a code or `error=access_denied`).
    static func addAuthorizationRoutes(to router: Router<EmulatorRequestContext>, state: EmulatorState) {
        router.get(RouterPath(authorizePath)) { request, _ -> Response in
            let fields = FormEncoding.decode(Data((request.uri.query ?? "").utf8))
            return consentPage(ConsentRequest(fields: fields), apps: state.apps.snapshot)
        }
        router.post(RouterPath(authorizePath)) { request, _ -> Response in
            let body = try await request.body.collect(upTo: maximumBodySize)
            let form = ConsentRequest(fields: FormEncoding.decode(Data(body.readableBytesView)))
            return await consent(form, state: state)
        }
    }

    /// The consent page for `request`, or its refusal.
    static func consentPage(_ request: ConsentRequest, apps: [String: EmulatedApp]) -> Response {
        switch request.check(apps: apps) {
        case .failure(let refusal):
            return response(refusal)
        case .success(let accepted):
            guard !accepted.app.knownUserIDs.isEmpty else {
                return response(
                    .page(
                        message: "The app '\(accepted.app.clientID)' has no users to sign in as. "
                            + "Register it with knownUserIDs."))
            }
            return .html(ConsentPage(request: accepted, parameters: request.parameters).html, status: .ok)
        }
    }

    /// Answers the consent form: checks the request again, then redirects with a new code
    /// (`consent=grant`, for the chosen `user_id`) or `error=access_denied` (`consent=deny`).
    static func consent(_ form: ConsentRequest, state: EmulatorState) async -> Response {
        let accepted: ConsentRequest.Accepted
        switch form.check(apps: state.apps.snapshot) {
        case .failure(let refusal): return response(refusal)
        case .success(let value): accepted = value
        }
        switch form.value("consent") {
        case "deny":
            return response(
                .redirect(
                    redirectURI: accepted.redirectURI, error: "access_denied",
                    description: "The user denied access to your application", state: accepted.state))
        case "grant":
            guard let userID = form.value("user_id"), accepted.app.knownUserIDs.contains(userID) else {
                let known = accepted.app.knownUserIDs.sorted().joined(separator: ", ")
                return response(
                    .page(
                        message: "The 'user_id' field must name one of the app's users (\(known)), "
                            + "but it is '\(form.value("user_id") ?? "missing")'."))
            }
            let code = await state.issueAuthorizationCode(for: accepted, userID: userID)
            var parameters = [("code", code)]
            if let state = accepted.state { parameters.append(("state", state)) }
            return redirect(to: AuthorizationRedirect.location(accepted.redirectURI, parameters))
        default:
            return response(
                .page(message: "The 'consent' field must be 'grant' or 'deny', as the consent page's buttons send."))
        }
    }

    /// A refusal as the browser gets it: a 400 page, or a `302 Found` to the redirect URI.
    private static func response(_ refusal: AuthorizationRefusal) -> Response {
        switch refusal {
        case .page(let message):
            return .html(AuthorizationErrorPage(message: message).html, status: .badRequest)
        case .redirect:
            return redirect(to: refusal.location ?? "")
        }
    }

    /// `302 Found` to `location`, not to be cached.
    private static func redirect(to location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
