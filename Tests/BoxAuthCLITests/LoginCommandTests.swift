import BoxAuth
import BoxAuthEmulator
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

/// `box-auth login` and `logout` against the emulator's consent page, and `token` on an `oauth2`
/// profile before and after.
@Suite("box-auth login and logout")
struct LoginCommandTests {
    @Test("login: consent as Bob, the callback page says signed in, exit 0, and token acts as Bob")
    func signInAndUseToken() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (result, page) = try await fixture.signIn(as: TestIdentity.otherUserID, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Signed in as Bob Demo (44444)"))
            #expect(page.status == 200)
            #expect(page.header("content-type")?.hasPrefix("text/html") == true)
            #expect(String(decoding: page.body, as: UTF8.self).contains("Signed in"))

            let token = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(token.status == 0, "\(token.stderr)")
            let user = try await fixture.currentUser(
                AccessToken(
                    value: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines), expiresAt: .distantFuture))
            #expect(user.id == TestIdentity.otherUserID)

            // The pair is private, and the refresh token never shows up in any output.
            let file = try #require(try fixture.pairFiles().first)
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let refreshToken = try #require(try fixture.storedRefreshToken())
            for output in [result.output, token.output] {
                #expect(!output.contains(refreshToken))
                #expect(!output.contains(TestIdentity.clientSecret))
            }
        }
    }

    @Test("a callback with another state gets 400 and is not exchanged; the real one then signs in")
    func stateMismatchKeepsWaiting() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (login, address) = try await fixture.startLogin(environment: environment)
            let callback = try await EmulatedUserAgent(transport: URLSessionTransport()).consent(
                to: address, as: TestIdentity.userID)
            var forged = try #require(URLComponents(url: callback, resolvingAgainstBaseURL: false))
            forged.queryItems = forged.queryItems?.map {
                $0.name == "state" ? URLQueryItem(name: "state", value: "forged") : $0
            }
            let wrong = try await URLSessionTransport().send(
                TransportRequest(method: "GET", url: try #require(forged.url), timeout: 60))
            #expect(wrong.status == 400)
            #expect(await fixture.counters.tokenRequests == 0)

            let right = try await URLSessionTransport().send(
                TransportRequest(method: "GET", url: callback, timeout: 60))
            #expect(right.status == 200)
            let result = await login.result()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Alice Demo (33333)"))
        }
    }

    @Test("Deny: exit 3, a message saying access was denied, nothing stored")
    func denied() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (login, address) = try await fixture.startLogin(environment: environment)
            let callback = try await EmulatedUserAgent(transport: URLSessionTransport()).consent(
                to: address, as: TestIdentity.userID, choice: .deny)
            let page = try await URLSessionTransport().send(TransportRequest(method: "GET", url: callback, timeout: 60))
            #expect(String(decoding: page.body, as: UTF8.self).contains("Access denied"))
            let result = await login.result()
            #expect(result.status == 3)
            #expect(result.stderr.contains("access was denied"))
            #expect(try fixture.pairFiles().isEmpty)
        }
    }

    @Test("with --no-browser, the pasted address the browser ended on signs in")
    func pastedAddress() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (login, address) = try await fixture.startLogin(environment: environment)
            let callback = try await EmulatedUserAgent(transport: URLSessionTransport()).consent(
                to: address, as: TestIdentity.userID)
            try login.send(line: "not an address")
            try login.send(line: callback.absoluteString)
            let result = await login.result()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Alice Demo (33333)"))
        }
    }

    @Test("nobody signs in before --timeout: a clear message and exit 4")
    func timeout() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let result = try await ProductProcess.boxAuth(
                ["login", "--profiles", fixture.profilesPath, "--no-browser", "--timeout", "1"],
                environment: environment)
            #expect(result.status == 4)
            #expect(result.stderr.contains("nobody finished signing in within 1 s"))
        }
    }

    @Test("token before any login: exit 2 naming box-auth login --profile me, and no request")
    func tokenBeforeLogin() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let result = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(result.status == 2)
            #expect(result.stderr.contains("box-auth login --profile me"))
            #expect(await fixture.counters.tokenRequests == 0)
        }
    }

    @Test("login on a profile that is not oauth2: exit 2")
    func notOAuth2() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let result = try await ProductProcess.boxAuth(
                ["login", "--profiles", fixture.profilesPath, "--profile", "service", "--no-browser"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("does not sign in users"))
        }
    }

    @Test("a refresh token used up elsewhere: exit 3 with Box's error and the login command; the pair stays")
    func refreshTokenUsedUpElsewhere() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (signedIn, _) = try await fixture.signIn(environment: environment)
            #expect(signedIn.status == 0, "\(signedIn.stderr)")
            // A stale copy of the pair on a second "machine".
            let copy = fixture.oauth2Environment(stateFolder: "copy")
            let source = try #require(try fixture.pairFiles().first)
            let target = fixture.folder.appendingPathComponent("copy/box-auth")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target.appendingPathComponent(source.lastPathComponent))
            try fixture.expireStoredAccessToken()
            try fixture.expireStoredAccessToken(stateFolder: "copy")

            let first = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            let stale = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: copy)
            #expect(stale.status == 3)
            #expect(stale.stderr.contains("Invalid refresh token"))
            #expect(stale.stderr.contains("box-auth login --profile me"))
            #expect(try fixture.pairFiles(stateFolder: "copy").count == 1)
        }
    }

    @Test("logout revokes the refresh token and deletes the pair; token then exits 2")
    func logout() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let environment = try fixture.writeOAuth2Profile()
            let (signedIn, _) = try await fixture.signIn(environment: environment)
            #expect(signedIn.status == 0, "\(signedIn.stderr)")
            let refreshToken = try #require(try fixture.storedRefreshToken())

            let result = try await ProductProcess.boxAuth(
                ["logout", "--profiles", fixture.profilesPath], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Signed out"))
            #expect(try fixture.pairFiles().isEmpty)
            #expect(!result.output.contains(refreshToken))

            // Box no longer takes the revoked refresh token.
            let reuse = try await fixture.transport.send(
                TransportRequest(
                    method: "POST", url: fixture.baseURL.appendingPathComponent("oauth2/token"),
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: FormEncoding.encode([
                        ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
                        ("client_id", TestIdentity.clientID), ("client_secret", TestIdentity.clientSecret),
                    ])))
            #expect(reuse.status == 400)

            let again = try await ProductProcess.boxAuth(
                ["logout", "--profiles", fixture.profilesPath], environment: environment)
            #expect(again.status == 0)
            #expect(again.stdout.contains("Nobody is signed in"))
            let token = try await ProductProcess.boxAuth(
                ["token", "--profiles", fixture.profilesPath], environment: environment)
            #expect(token.status == 2)
        }
    }

}
