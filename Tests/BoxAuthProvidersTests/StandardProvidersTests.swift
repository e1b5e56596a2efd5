import BoxAuth
import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthTestSupport
import Foundation
import Testing

/// Every built-in provider kind, built from profiles.json by the standard registry, gets a token
/// from the emulator over HTTP that the emulator then accepts at `/2.0/users/me`.
@Suite("Standard providers against the emulator")
struct StandardProvidersTests {
    @Test("the standard registry has every built-in kind")
    func standardKinds() {
        #expect(
            AuthProviderRegistry.standard.kinds == [
                "broker", "client-credentials", "developer-token", "jwt", "oauth2", "user-access-token",
            ])
    }

    @Test("jwt with configFile acts as the service account", arguments: JWTAlgorithm.allCases)
    func jwtConfigFile(algorithm: JWTAlgorithm) async throws {
        try await EmulatorFixture.with { workspace in
            let profile = try workspace.profile(
                #"{"provider": "jwt", "configFile": "box_config.json", "algorithm": "\#(algorithm.rawValue)"}"#)
            #expect(profile.kind == "jwt")
            #expect(profile.provider.subject == .enterprise(TestIdentity.enterpriseID))

            let token = try await profile.provider.accessToken()
            let user = try await workspace.currentUser(token)
            #expect(user.id == workspace.serviceAccountID)
            #expect(await workspace.counters.tokenRequests == 1)
            #expect(await workspace.counters.tokensIssued == 1)
            try expectAssertion(in: workspace, algorithm: algorithm, subject: TestIdentity.enterpriseID)
        }
    }

    @Test("jwt with inline fields (key from a file, secret from the environment)", arguments: JWTAlgorithm.allCases)
    func jwtInline(algorithm: JWTAlgorithm) async throws {
        try await EmulatorFixture.with { workspace in
            let config = workspace.config
            let entry = """
                {"provider": "jwt", "clientID": "\(config.clientID)", "clientSecret": {"env": "BOX_TEST_CLIENT_SECRET"},
                 "publicKeyID": "\(config.publicKeyID)", "privateKey": {"file": "\(EmulatorFixture.privateKeyFileName)"},
                 "passphrase": "\(config.passphrase?.exposedValue ?? "")", "enterpriseID": \(TestIdentity.enterpriseID),
                 "algorithm": "\(algorithm.rawValue)"}
                """
            let profile = try workspace.profile(
                entry, environment: ["BOX_TEST_CLIENT_SECRET": config.clientSecret.exposedValue])

            let token = try await profile.provider.accessToken()
            #expect(try await workspace.currentUser(token).id == workspace.serviceAccountID)
            #expect(await workspace.counters.tokenRequests == 1)
            try expectAssertion(in: workspace, algorithm: algorithm, subject: TestIdentity.enterpriseID)
        }
    }

    @Test("jwt with the PEM inline in the profile")
    func jwtInlinePEM() async throws {
        try await EmulatorFixture.with { workspace in
            let config = workspace.config
            let members: [String: JSONValue] = [
                "provider": .string("jwt"), "clientID": .string(config.clientID),
                "clientSecret": .string(config.clientSecret.exposedValue), "publicKeyID": .string(config.publicKeyID),
                "privateKey": .string(config.privateKey.exposedValue),
                "passphrase": .string(config.passphrase?.exposedValue ?? ""),
                "enterpriseID": .string(TestIdentity.enterpriseID),
            ]
            let entry = String(decoding: try JSONEncoder().encode(JSONValue.object(members)), as: UTF8.self)
            let profile = try workspace.profile(entry)

            let token = try await profile.provider.accessToken()
            #expect(try await workspace.currentUser(token).id == workspace.serviceAccountID)
            #expect(await workspace.counters.tokenRequests == 1)
        }
    }

    /// How a client-credentials profile gives its secret.
    enum SecretSource: String, CaseIterable, Sendable {
        case literal, environment, file
    }

    @Test("client-credentials acts as the service account", arguments: SecretSource.allCases)
    func clientCredentials(source: SecretSource) async throws {
        try await EmulatorFixture.with { workspace in
            let secret = workspace.config.clientSecret.exposedValue
            let secretJSON =
                switch source {
                case .literal: "\"\(secret)\""
                case .environment: #"{"env": "BOX_TEST_CLIENT_SECRET"}"#
                case .file: #"{"file": "\#(EmulatorFixture.clientSecretFileName)"}"#
                }
            let profile = try workspace.profile(
                """
                {"provider": "client-credentials", "clientID": "\(workspace.config.clientID)",
                 "clientSecret": \(secretJSON), "enterpriseID": "\(TestIdentity.enterpriseID)"}
                """,
                environment: source == .environment ? ["BOX_TEST_CLIENT_SECRET": secret] : [:])
            #expect(profile.kind == "client-credentials")
            #expect(profile.provider.subject == .enterprise(TestIdentity.enterpriseID))

            let token = try await profile.provider.accessToken()
            #expect(try await workspace.currentUser(token).id == workspace.serviceAccountID)
            #expect(await workspace.counters.tokenRequests == 1)
            let form = try #require(workspace.transport.sentForms.first)
            #expect(
                form.map(\.0) == ["grant_type", "client_id", "client_secret", "box_subject_type", "box_subject_id"])
            #expect(workspace.transport.sentValues(of: "box_subject_type") == ["enterprise"])
            #expect(workspace.transport.sentValues(of: "client_secret") == [secret])
        }
    }

    @Test("user-access-token with the jwt grant acts as the user")
    func userAccessTokenJWT() async throws {
        try await EmulatorFixture.with { workspace in
            let profile = try workspace.profile(
                #"{"provider": "user-access-token", "userID": "33333", "grant": "jwt", "configFile": "box_config.json"}"#
            )
            #expect(profile.kind == "user-access-token")
            #expect(profile.provider.subject == .user("33333"))

            let token = try await profile.provider.accessToken()
            #expect(try await workspace.currentUser(token).id == "33333")
            #expect(await workspace.counters.tokenRequests == 1)
            try expectAssertion(in: workspace, algorithm: .rs256, subject: "33333", subjectType: "user")
        }
    }

    @Test("user-access-token with the client-credentials grant acts as the user")
    func userAccessTokenClientCredentials() async throws {
        try await EmulatorFixture.with { workspace in
            let profile = try workspace.profile(
                """
                {"provider": "user-access-token", "userID": 44444, "grant": "client-credentials",
                 "clientID": "\(workspace.config.clientID)", "clientSecret": {"file": "client_secret.txt"}}
                """)
            #expect(profile.provider.subject == .user("44444"))

            let token = try await profile.provider.accessToken()
            #expect(try await workspace.currentUser(token).id == "44444")
            #expect(await workspace.counters.tokenRequests == 1)
            #expect(workspace.transport.sentValues(of: "grant_type") == ["client_credentials"])
            #expect(workspace.transport.sentValues(of: "box_subject_type") == ["user"])
            #expect(workspace.transport.sentValues(of: "box_subject_id") == ["44444"])
        }
    }

    @Test("developer-token hands out the token as is, without a token request")
    func developerToken() async throws {
        try await EmulatorFixture.with { workspace in
            let value = await workspace.emulator.issueDeveloperToken(userID: "33333")
            try workspace.write(value + "\n", named: "developer_token.txt")
            let profile = try workspace.profile(
                #"{"provider": "developer-token", "token": {"file": "developer_token.txt"}}"#)
            #expect(profile.kind == "developer-token")
            #expect(profile.provider.subject == nil)

            let token = try await profile.provider.accessToken()
            #expect(token.value == value)
            #expect(try await workspace.currentUser(token).id == "33333")
            #expect(await workspace.counters.tokenRequests == 0)
        }
    }

    @Test("every profile of a demo-style profiles.json works, picked by name and by default")
    func wholeFile() async throws {
        try await EmulatorFixture.with { workspace in
            let clientID = workspace.config.clientID
            let developerToken = await workspace.emulator.issueDeveloperToken(userID: "44444")
            let file = try workspace.writeProfiles(
                [
                    "service": #"{"provider": "jwt", "configFile": "box_config.json", "algorithm": "RS512"}"#,
                    "automation": """
                    {"provider": "client-credentials", "clientID": "\(clientID)",
                     "clientSecret": {"file": "client_secret.txt"}, "enterpriseID": "1234567"}
                    """,
                    "alice": #"{"provider": "user-access-token", "userID": "33333", "configFile": "box_config.json"}"#,
                    "bob": """
                    {"provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
                     "clientID": "\(clientID)", "clientSecret": {"file": "client_secret.txt"}}
                    """,
                    "dev": #"{"provider": "developer-token", "token": "\#(developerToken)"}"#,
                ], defaultProfile: "service")
            let expected = [
                "service": workspace.serviceAccountID, "automation": workspace.serviceAccountID, "alice": "33333",
                "bob": "44444", "dev": "44444",
            ]
            for name in file.profileNames {
                let profile = try AuthProviderRegistry.standard.profile(
                    name, in: file, environment: [:], transport: workspace.transport)
                let token = try await profile.provider.accessToken()
                #expect(try await workspace.currentUser(token).id == expected[name], "profile \(name)")
            }
            let byDefault = try AuthProviderRegistry.standard.profile(
                nil, in: file, environment: [:], transport: workspace.transport)
            #expect(byDefault.name == "service")
            #expect(await workspace.counters.tokenRequests == 4)
            #expect(await workspace.counters.totalRejections == 0)
        }
    }

    /// Checks the last assertion sent: its `alg`, `kid` and subject claims.
    private func expectAssertion(
        in workspace: EmulatorFixture, algorithm: JWTAlgorithm, subject: String, subjectType: String = "enterprise"
    ) throws {
        #expect(workspace.transport.sentValues(of: "grant_type") == ["urn:ietf:params:oauth:grant-type:jwt-bearer"])
        let assertion = try #require(workspace.transport.sentValues(of: "assertion").last)
        let jwt = try DecodedJWT(compact: assertion)
        #expect(jwt.algorithm == algorithm)
        #expect(jwt.header["kid"]?.stringValue == TestIdentity.publicKeyID)
        #expect(jwt.claims["sub"]?.stringValue == subject)
        #expect(jwt.claims["box_sub_type"]?.stringValue == subjectType)
        #expect(jwt.claims["iss"]?.stringValue == workspace.config.clientID)
    }
}
