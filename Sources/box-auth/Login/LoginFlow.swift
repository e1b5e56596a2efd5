import BoxAuth
import BoxAuthOAuth2
import Foundation

/// One `box-auth login`: checks each callback (from the browser or pasted), exchanges the first
/// code whose `state` matches, stores the pair and finds out who signed in.
///
/// Callbacks with another `state` get a 400 page and the login keeps waiting; the first matching
/// one ends it (signed in, denied or failed).
actor LoginFlow {
    /// How a login ended.
    enum Outcome: Sendable {
        case signedIn(UsersMeRequest.User)
        case failed(any Error)
        case timedOut
    }

    private var request: AuthorizationRequest?
    private let provider: OAuth2AuthProvider
    private let profile: ResolvedProfile
    private var outcome: Outcome?
    private var busy = false
    private var waiters: [CheckedContinuation<Outcome, Never>] = []

    init(provider: OAuth2AuthProvider, profile: ResolvedProfile) {
        self.provider = provider
        self.profile = profile
    }

    /// Starts waiting for callbacks to `request` (made once the listener's port is known).
    func begin(_ request: AuthorizationRequest) {
        self.request = request
    }

    /// Ends the login as timed out, unless a callback ended it already.
    func timeOut() {
        finish(.timedOut)
    }

    /// Handles one callback's query parameters and says what page the browser gets.
    func handle(_ parameters: [String: String]) async -> CallbackPage {
        guard outcome == nil, !busy else { return .finished }
        guard let request else { return .wrongState }
        let code: String
        do {
            code = try request.callbackCode(from: parameters, profile: profile.name)
        } catch let error where error.code == .stateMismatch {
            return .wrongState
        } catch {
            finish(.failed(error))
            return error.code == .accessDenied ? .denied : .failed("\(error)")
        }
        busy = true
        do {
            let pair = try await provider.client.exchange(code: code, for: request, profile: profile.name)
            try await provider.signIn(pair)
            let user = try await UsersMeRequest(baseURL: profile.options.baseURL, transport: profile.transport)
                .send(token: pair.accessToken, asUser: nil)
            finish(.signedIn(user))
            return .signedIn(name: user.name, profile: profile.name)
        } catch {
            finish(.failed(error))
            return .failed("box-auth could not finish the sign-in: \(error)")
        }
    }

    /// Waits until a callback ends the login.
    func wait() async -> Outcome {
        if let outcome { return outcome }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func finish(_ result: Outcome) {
        guard outcome == nil else { return }
        outcome = result
        for waiter in waiters { waiter.resume(returning: result) }
        waiters.removeAll()
    }
}
