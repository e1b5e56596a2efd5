import BoxAuth
import BoxAuthEmulator
import BoxAuthOAuth2
import BoxAuthProviders
import BoxAuthSignIn
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

/// ``SignIn`` against the emulator reached in-process (consent page, code exchange, users/me); the
/// callbacks reach the sign-in's loopback listener over a real socket, or are pasted.
@Suite("SignIn")
struct SignInTests {
    /// A running sign-in of the sandbox's `oauth2` profile `me`, and the address it showed.
    struct Running {
        let profile: ResolvedProfile
        let provider: OAuth2AuthProvider
        let task: Task<BoxUser, any Error>
        let address: URL

        /// Starts `signIn(profile)` with a browser that hands the address to the test.
        static func start(
            _ fixture: EmulatorFixture, pasted: PastedAddresses? = nil,
            configure: (inout SignIn) -> Void = { _ in }
        ) async throws -> Running {
            let profile = try AuthProviderRegistry.standard.profile(
                "me", in: try ProfilesFile.load(contentsOf: fixture.sandbox.profilesURL),
                environment: ["XDG_STATE_HOME": fixture.folder.appendingPathComponent("state").path],
                transport: fixture.transport)
            let provider = try #require(profile.provider as? OAuth2AuthProvider)
            var signIn = try SignIn(profile: profile)
            configure(&signIn)
            let (addresses, shown) = AsyncStream.makeStream(of: URL.self)
            let browser = BrowserOpener { url in
                shown.yield(url)
                return true
            }
            let task = Task { [signIn] in try await signIn.run(browser: browser, pasted: pasted) }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next() else {
                task.cancel()
                throw NoAddress()
            }
            return Running(profile: profile, provider: provider, task: task, address: address)
        }

        /// The callback address after the person chose `choice` on the emulator's consent page.
        func consent(_ fixture: EmulatorFixture, choice: EmulatedUserAgent.Choice = .grant) async throws -> URL {
            try await EmulatedUserAgent(transport: fixture.transport).consent(
                to: address, as: TestIdentity.userID, choice: choice)
        }
    }

    /// The sign-in ended before showing an address.
    struct NoAddress: Error {}

    /// `callback` with another `state`.
    static func forged(_ callback: URL) throws -> URL {
        var components = try #require(URLComponents(url: callback, resolvingAgainstBaseURL: false))
        components.queryItems = components.queryItems?.map {
            $0.name == "state" ? URLQueryItem(name: "state", value: "forged") : $0
        }
        return try #require(components.url)
    }

    /// The browser's request to the sign-in's listener.
    static func open(_ url: URL) async throws -> (status: Int, text: String) {
        let response = try await URLSessionTransport().send(TransportRequest(method: "GET", url: url, timeout: 60))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test("the address asks for a code with PKCE and a loopback redirect URI on the listener's port")
    func address() async throws {
        try await EmulatorFixture.with { fixture in
            let running = try await Running.start(fixture)
            defer { running.task.cancel() }
            let query = AuthorizationRequest.callbackParameters(of: running.address)
            #expect(query["response_type"] == "code")
            #expect(query["code_challenge_method"] == "S256")
            #expect(query["state"]?.count == 43)
            let redirect = try #require(query["redirect_uri"].flatMap(URL.init(string:)))
            #expect(redirect.host == "127.0.0.1")
            #expect(redirect.path == "/callback")
            #expect((redirect.port ?? 0) > 0)
        }
    }

    @Test("a callback with another state gets the 400 page and is not exchanged; the real one then signs in")
    func wrongStateKeepsWaiting() async throws {
        try await EmulatorFixture.with { fixture in
            let running = try await Running.start(fixture)
            defer { running.task.cancel() }
            let callback = try await running.consent(fixture)
            let wrong = try await Self.open(try Self.forged(callback))
            #expect(wrong.status == 400)
            #expect(wrong.text.contains(CallbackPage.wrongState.title))
            #expect(await fixture.counters.tokenRequests == 0)

            let right = try await Self.open(callback)
            #expect(right.status == 200)
            #expect(right.text.contains("Signed in"))
            let user = try await running.task.value
            #expect(user.id == TestIdentity.userID)
            #expect(user.name == "Alice Demo")
            #expect(try await running.provider.isSignedIn)
            #expect(try await fixture.currentUser(try await running.profile.accessToken()).id == TestIdentity.userID)

            // The sign-in is over: the listener is gone.
            await #expect(throws: TransportError.self) { try await Self.open(callback) }
        }
    }

    @Test("Deny on the consent page ends it with access denied, the Access denied page, and nothing stored")
    func denied() async throws {
        try await EmulatorFixture.with { fixture in
            let running = try await Running.start(fixture)
            defer { running.task.cancel() }
            let page = try await Self.open(try await running.consent(fixture, choice: .deny))
            #expect(page.text.contains("Access denied"))
            let error = try await #require(throws: OAuth2Error.self) { try await running.task.value }
            #expect(error.code == .accessDenied)
            #expect(error.description.contains("access was denied"))
            #expect(try await !running.provider.isSignedIn)
            #expect(await fixture.counters.tokenRequests == 0)
        }
    }

    @Test("nobody signs in before the deadline: SignInError.timedOut, and nothing stored")
    func deadline() async throws {
        try await EmulatorFixture.with { fixture in
            let running = try await Running.start(fixture) { $0.timeout = .milliseconds(1) }
            let error = try await #require(throws: SignInError.self) { try await running.task.value }
            #expect(error.code == .timedOut)
            #expect(error.category == .unavailable)
            #expect(error.description.contains("nobody finished signing in within 0 s"))
            #expect(try await !running.provider.isSignedIn)
        }
    }

    @Test("pasted: text that is not an address and another sign-in's address are answered and skipped; the real one signs in")
    func pastedAddress() async throws {
        try await EmulatorFixture.with { fixture in
            let (lines, paste) = AsyncStream.makeStream(of: String.self)
            let (pages, reply) = AsyncStream.makeStream(of: CallbackPage.self)
            let running = try await Running.start(fixture, pasted: PastedAddresses(lines) { reply.yield($0) })
            defer { running.task.cancel() }
            let callback = try await running.consent(fixture)
            var answers = pages.makeAsyncIterator()

            paste.yield("not an address")
            #expect(await answers.next() == .notAnAddress)
            paste.yield("   ")
            paste.yield(try Self.forged(callback).absoluteString)
            #expect(await answers.next() == .wrongState)
            paste.yield("  \(callback.absoluteString)  ")
            #expect(await answers.next() == .signedIn(name: "Alice Demo", profile: "me"))

            let user = try await running.task.value
            #expect(user.id == TestIdentity.userID)
            #expect(try await running.provider.isSignedIn)
        }
    }

    @Test("a port already taken: SignInError.cannotListen naming it")
    func portTaken() async throws {
        try await EmulatorFixture.with { fixture in
            let first = try await Running.start(fixture)
            defer { first.task.cancel() }
            let redirect = try #require(
                AuthorizationRequest.callbackParameters(of: first.address)["redirect_uri"].flatMap(URL.init(string:)))
            let port = try #require(redirect.port)
            let second = try SignIn(profile: first.profile, port: port)
            let error = try await #require(throws: SignInError.self) { try await second.run(browser: .none) }
            #expect(error.code == .cannotListen)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }

    @Test("a profile that is not oauth2: SignInError.notOAuth2")
    func notOAuth2() async throws {
        try await EmulatorFixture.with { fixture in
            let profile = try AuthProviderRegistry.standard.profile(
                "service", in: try ProfilesFile.load(contentsOf: fixture.sandbox.profilesURL), environment: [:],
                transport: fixture.transport)
            let error = try #require(throws: SignInError.self) { try SignIn(profile: profile) }
            #expect(error.code == .notOAuth2)
            #expect(error.description.contains("does not sign in users"))
        }
    }

    @Test("callback pages escape what they show")
    func pageEscapes() {
        let html = CallbackPage.signedIn(name: "<b>Eve</b> & co", profile: "me").html
        #expect(!html.contains("<b>Eve"))
        #expect(html.contains("&lt;b&gt;Eve&lt;/b&gt; &amp; co"))
    }
}
