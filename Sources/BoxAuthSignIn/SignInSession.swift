import BoxAuth
import BoxAuthOAuth2
import Foundation

/// One running ``SignIn``: checks each callback (from the listener or pasted), exchanges the first
/// code whose `state` matches, stores the pair and finds out who signed in.
///
/// Callbacks with another `state` get a 400 page and the sign-in keeps waiting; the first matching
/// one ends it (signed in, denied or failed). So do the deadline and cancellation.
actor SignInSession {
    /// How a sign-in ended.
    enum Outcome: Sendable {
        case signedIn(BoxUser)
        case failed(any Error)
        case timedOut
        case cancelled
    }

    private var request: AuthorizationRequest?
    private let provider: OAuth2AuthProvider
    private let profile: String?
    private let currentUser: CurrentUserRequest
    private var outcome: Outcome?
    private var busy = false
    private var waiters: [CheckedContinuation<Outcome, Never>] = []

    init(provider: OAuth2AuthProvider, profile: String?, currentUser: CurrentUserRequest) {
        self.provider = provider
        self.profile = profile
        self.currentUser = currentUser
    }

    /// Starts taking callbacks to `request` (made once the listener's port is known); until then
    /// every callback is another sign-in's.
    func begin(_ request: AuthorizationRequest) {
        self.request = request
    }

    /// Ends the sign-in as timed out, unless it has ended already.
    func timeOut() {
        finish(.timedOut)
    }

    /// Ends the sign-in as cancelled, unless it has ended already.
    func cancel() {
        finish(.cancelled)
    }

    /// Handles one callback's query parameters and says what page the browser gets.
    func handle(_ parameters: [String: String]) async -> CallbackPage {
        guard outcome == nil, !busy else { return .finished }
        guard let request else { return .wrongState }
        let code: String
        do {
            code = try request.callbackCode(from: parameters, profile: profile)
        } catch let error where error.code == .stateMismatch {
            return .wrongState
        } catch {
            finish(.failed(error))
            return error.code == .accessDenied ? .denied : .failed("\(error)")
        }
        busy = true
        do {
            let pair = try await provider.client.exchange(code: code, for: request, profile: profile)
            try await provider.signIn(pair)
            let user = try await currentUser.user(token: pair.accessToken)
            finish(.signedIn(user))
            return .signedIn(name: user.name, profile: profile)
        } catch {
            finish(.failed(error))
            return .failed("box-auth could not finish the sign-in: \(error)")
        }
    }

    /// Handles one pasted line: ``CallbackPage/notAnAddress`` unless it is an address with a query.
    func handle(pasted line: String) async -> CallbackPage? {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let parameters = PastedAddresses.callbackParameters(of: line) else { return .notAnAddress }
        return await handle(parameters)
    }

    /// Waits until a callback, the deadline or cancellation ends the sign-in.
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
