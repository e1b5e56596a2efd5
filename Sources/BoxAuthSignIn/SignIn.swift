public import BoxAuth
public import BoxAuthOAuth2
import Foundation
public import Logging

/// The whole interactive OAuth 2.0 sign-in of one person, as `box-auth login` runs it: the
/// authorization address, a loopback listener for Box's callback, the browser (or a pasted
/// address), the code exchange, the stored token pair, and who signed in.
///
/// ``run(browser:pasted:)`` listens on 127.0.0.1 (``port``, else the redirect URI's port, else a
/// free one) at the redirect URI's path, builds a fresh ``AuthorizationRequest`` (with that port
/// when the redirect URI is a loopback one), hands its address to the ``BrowserOpener``, and
/// waits. A callback whose `state` differs gets a 400 page (``CallbackPage/wrongState``) and the
/// sign-in waits on; the first matching one ends it: the code is exchanged, the pair stored with
/// `OAuth2AuthProvider.signIn(_:)`, and `GET /2.0/users/me` says who signed in. Nobody by
/// ``timeout``: ``SignInError`` (``SignInError/Code/timedOut``).
///
/// ```swift
/// import BoxAuthProviders
/// import BoxAuthSignIn
///
/// let profile = try AuthProviderRegistry.standard.profile("me")
/// let user = try await SignIn(profile: profile).run(browser: .system())
/// print("Signed in as \(user.name) (\(user.id))")
/// let token = try await profile.accessToken()   // acts as that user from now on
/// ```
public struct SignIn: Sendable {
    /// How long a sign-in waits by default: 300 seconds.
    public static let defaultTimeout = Duration.seconds(300)

    /// The `oauth2` provider whose store gets the pair.
    public let provider: OAuth2AuthProvider
    /// The profile's name, for messages and pages (nil when there is none).
    public let profile: String?
    /// Finds out who signed in.
    public let currentUser: CurrentUserRequest
    /// The port to listen on; nil takes the redirect URI's port, or a free one.
    public var port: Int?
    /// How long to wait for the person to finish.
    public var timeout: Duration
    /// Gets the listener's log lines.
    public var logger: Logger

    /// A sign-in for `provider`.
    /// - Parameters:
    ///   - provider: The `oauth2` provider: its client makes the request and exchanges the code,
    ///     its store keeps the pair.
    ///   - profile: The profile's name, for messages.
    ///   - currentUser: Where `GET /2.0/users/me` goes (the profile's base URL and transport).
    ///   - port: The port to listen on (nil: the redirect URI's, or a free one).
    ///   - timeout: How long to wait.
    ///   - logger: Gets the listener's log lines.
    public init(
        provider: OAuth2AuthProvider, profile: String? = nil, currentUser: CurrentUserRequest, port: Int? = nil,
        timeout: Duration = defaultTimeout, logger: Logger = Logger(label: "box-auth")
    ) {
        self.provider = provider
        self.profile = profile
        self.currentUser = currentUser
        self.port = port
        self.timeout = timeout
        self.logger = logger
    }

    /// A sign-in for a resolved `oauth2` profile, asking `/2.0/users/me` at its base URL through
    /// its transport.
    /// - Throws: ``SignInError`` (``SignInError/Code/notOAuth2``) when the profile's provider is
    ///   not `oauth2`.
    public init(
        profile: ResolvedProfile, port: Int? = nil, timeout: Duration = defaultTimeout,
        logger: Logger = Logger(label: "box-auth")
    ) throws(SignInError) {
        guard let provider = profile.provider as? OAuth2AuthProvider else {
            throw SignInError.notOAuth2(profile: profile.name, kind: profile.kind)
        }
        self.init(
            provider: provider, profile: profile.name,
            currentUser: CurrentUserRequest(
                baseURL: profile.options.baseURL, transport: profile.transport, proxy: profile.options.proxy),
            port: port, timeout: timeout, logger: logger)
    }

    /// Runs one sign-in and returns who signed in; the pair is then in the provider's store.
    /// - Parameters:
    ///   - browser: Shows the person the authorization address (the system browser by default);
    ///     an error it throws ends the sign-in.
    ///   - pasted: Addresses the person pastes, checked like callbacks (nil: the listener only).
    /// - Throws: `OAuth2Error` when access was denied or Box refused the code; ``SignInError``
    ///   when the listener cannot listen or the deadline passed; `CurrentUserError`,
    ///   `TokenEndpointError` or `TransportError` when Box could not finish; `CancellationError`
    ///   when the task is cancelled. The listener is stopped in every case.
    public func run(browser: BrowserOpener = .system(), pasted: PastedAddresses? = nil) async throws -> BoxUser {
        let client = provider.client
        let session = SignInSession(provider: provider, profile: profile, currentUser: currentUser)
        let listener = try await LoopbackListener.start(
            port: port ?? client.redirectURI.port ?? 0, path: client.redirectURI.path, logger: logger
        ) { parameters in
            await session.handle(parameters)
        }
        let outcome: SignInSession.Outcome
        do {
            outcome = try await wait(for: session, listeningOn: listener.port, browser: browser, pasted: pasted)
        } catch {
            await listener.stop()
            throw error
        }
        await listener.stop()
        switch outcome {
        case .signedIn(let user): return user
        case .failed(let error): throw error
        case .timedOut: throw SignInError.timedOut(seconds: Self.seconds(timeout))
        case .cancelled: throw CancellationError()
        }
    }

    /// Starts the request on the listener's port, shows its address, reads pasted lines, and waits.
    private func wait(
        for session: SignInSession, listeningOn port: Int, browser: BrowserOpener, pasted: PastedAddresses?
    ) async throws -> SignInSession.Outcome {
        let client = provider.client
        let redirect = client.redirectsToLoopback ? client.loopbackRedirectURI(port: port) : client.redirectURI
        let request = try client.authorizationRequest(redirectURI: redirect)
        await session.begin(request)
        let reader = pasted.map { pasted in
            Task {
                for await line in pasted.lines {
                    if let page = await session.handle(pasted: line) { pasted.reply(page) }
                }
            }
        }
        defer { reader?.cancel() }
        if try await !browser.open(request.url) {
            logger.debug("no browser opened; waiting for the address to be opened elsewhere")
        }
        let timer = Task { [timeout] in
            try await Task.sleep(for: timeout)
            await session.timeOut()
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await session.wait()
        } onCancel: {
            Task { await session.cancel() }
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
