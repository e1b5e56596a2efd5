import BoxAuth
@testable import BoxAuthBroker
import BoxAuthEmulator
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("Broker API")
struct BrokerAPITests {
    @Test("GET token answers the profile's token from its cache, with expiry, As-User and no-store fields")
    func tokenRoute() async throws {
        try await BrokerFixture.with { broker in
            let first = await broker.get("/v1/profiles/alice/token")
            #expect(first.status == 200, "\(first.text)")
            #expect(first.contentType == "application/json")
            let body = first.object
            let token = try #require(body["access_token"]?.stringValue)
            #expect(body["token_type"]?.stringValue == "bearer")
            #expect(body["as_user"]?.stringValue == "33333")
            #expect(body["restricted_to"] == nil)
            let expiresIn = try #require(body["expires_in"]?.doubleValue)
            #expect(expiresIn > 3000 && expiresIn <= 3600)
            let expiresAt = try #require(body["expires_at"]?.stringValue)
            #expect(try Date(expiresAt, strategy: .iso8601) > Date())
            // The token works at Box (the emulator) as the profile's user.
            let user = try await broker.emulator.currentUser(AccessToken(value: token, expiresAt: .distantFuture))
            #expect(user.id == "33333")
            let second = await broker.get("/v1/profiles/alice/token")
            #expect(second.accessToken == token)
            #expect(await broker.tokenRequests == 1)
            #expect(broker.log.metadata("box", ofMessage: "broker request") == ["asked", "no"])
        }
    }

    @Test("A profile name is percent-decoded from the path")
    func percentEncodedName() async throws {
        try await BrokerFixture.with(profiles: ["team one": #"{"provider": "jwt", "configFile": "box_config.json"}"#]) {
            broker in
            #expect(await broker.get("/v1/profiles/team%20one/token").status == 200)
        }
    }

    @Test("Health counts the profiles; metrics are Prometheus text with requests by route, status and client")
    func healthAndMetrics() async throws {
        try await BrokerFixture.with { broker in
            let health = await broker.get("/v1/health")
            #expect(health.status == 200)
            #expect(health.object["status"]?.stringValue == "ok")
            #expect(health.object["profiles"] == .integer(2))
            let token = try #require(await broker.get("/v1/profiles/service/token").accessToken)
            _ = await broker.get("/v1/profiles/nobody/token")
            let metrics = await broker.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.contentType.hasPrefix("text/plain"))
            #expect(metrics.text.contains(#"box_auth_broker_requests_total{route="token",status="200",client="owner"} 1"#))
            #expect(metrics.text.contains(#"box_auth_broker_requests_total{route="token",status="404",client="owner"} 1"#))
            #expect(metrics.text.contains(#"box_auth_broker_box_requests_total{route="token"} 1"#))
            #expect(!metrics.text.contains(token))
        }
    }

    @Test(
        "Errors are JSON with the right status",
        arguments: [
            ("GET", "/v1/profiles/nobody/token", nil, 404, "unknown_profile"),
            ("GET", "/v1/nothing", nil, 404, "not_found"),
            ("GET", "/v1/profiles//token", nil, 404, "not_found"),
            ("DELETE", "/v1/profiles/service/token", nil, 405, "method_not_allowed"),
            ("GET", "/v1/profiles/service/invalidate", nil, 405, "method_not_allowed"),
            ("POST", "/v1/health", "{}", 405, "method_not_allowed"),
            ("POST", "/v1/profiles/service/token", "not json", 400, "bad_request"),
            ("POST", "/v1/profiles/service/token", #"{"scopes": []}"#, 400, "bad_request"),
            ("POST", "/v1/profiles/service/token", #"{"scopes": ["item_preview"], "resource": "x", "sharedLink": "y"}"#, 400, "bad_request"),
            ("POST", "/v1/profiles/service/token", #"{"scopes": ["item_preview"], "extra": 1}"#, 400, "bad_request"),
            ("POST", "/v1/profiles/service/invalidate", #"{"token": "x"}"#, 400, "bad_request"),
        ] as [(String, String, String?, Int, String)])
    func errors(method: String, path: String, body: String?, status: Int, code: String) async throws {
        try await BrokerFixture.with { broker in
            let response = await broker.send(BrokerFixture.request(method, path, body: body))
            #expect(response.status == status, "\(response.text)")
            #expect(response.errorCode == code)
            #expect(response.object["message"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("A body over the limit is refused with 413")
    func bodyLimit() async throws {
        try await BrokerFixture.with(limits: TokenBroker.Limits(maximumBodySize: 64)) { broker in
            let body = #"{"scopes": ["item_preview"], "resource": "https://api.box.com/2.0/files/\#(String(repeating: "1", count: 80))"}"#
            let response = await broker.post("/v1/profiles/service/token", body)
            #expect(response.status == 413)
            #expect(response.errorCode == "request_too_large")
        }
    }

    @Test("1,000 concurrent cold requests make exactly one token request")
    func herd() async throws {
        try await BrokerFixture.with { broker in
            let tokens = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<1000 {
                    group.addTask { await broker.get("/v1/profiles/service/token").accessToken }
                }
                var tokens: [String?] = []
                for await token in group { tokens.append(token) }
                return tokens
            }
            #expect(tokens.count == 1000)
            #expect(Set(tokens).count == 1)
            #expect(tokens.first.flatMap { $0 } != nil)
            #expect(await broker.tokenRequests == 1)
        }
    }

    @Test("Invalidate drops the token only while it is current; the next GET then fetches a new one")
    func invalidate() async throws {
        try await BrokerFixture.with { broker in
            let first = try #require(await broker.get("/v1/profiles/service/token").accessToken)
            // A token that is not the current one changes nothing.
            let stale = await broker.post("/v1/profiles/service/invalidate", #"{"access_token": "not-the-current-one"}"#)
            #expect(stale.status == 204)
            #expect(stale.body.isEmpty)
            #expect(await broker.get("/v1/profiles/service/token").accessToken == first)
            #expect(await broker.tokenRequests == 1)
            let dropped = await broker.post("/v1/profiles/service/invalidate", #"{"access_token": "\#(first)"}"#)
            #expect(dropped.status == 204)
            let second = try #require(await broker.get("/v1/profiles/service/token").accessToken)
            #expect(second != first)
            #expect(await broker.tokenRequests == 2)
            // The old token again (a slow client's late 401) leaves the new one alone.
            _ = await broker.post("/v1/profiles/service/invalidate", #"{"access_token": "\#(first)"}"#)
            #expect(await broker.get("/v1/profiles/service/token").accessToken == second)
            #expect(await broker.tokenRequests == 2)
        }
    }

    @Test("POST token downscopes once per (scopes, item), never past its parent's expiry, and follows a new parent")
    func downscope() async throws {
        try await BrokerFixture.with { broker in
            let body = #"{"scopes": ["item_preview"], "resource": "https://api.box.com/2.0/files/123"}"#
            let first = await broker.post("/v1/profiles/service/token", body)
            #expect(first.status == 200, "\(first.text)")
            let restricted = try #require(first.object["restricted_to"]?.arrayValue)
            #expect(!restricted.isEmpty)
            let parent = await broker.get("/v1/profiles/service/token")
            let parentExpiry = try Date(#require(parent.object["expires_at"]?.stringValue), strategy: .iso8601)
            let childExpiry = try Date(#require(first.object["expires_at"]?.stringValue), strategy: .iso8601)
            #expect(childExpiry <= parentExpiry)
            #expect(await broker.post("/v1/profiles/service/token", body).accessToken == first.accessToken)
            #expect(await broker.emulator.counters.tokensDownscoped == 1)
            // The parent is invalidated (Box answered 401 to it): the child made from it goes too.
            _ = await broker.post("/v1/profiles/service/invalidate", #"{"access_token": "\#(parent.accessToken ?? "")"}"#)
            let again = await broker.post("/v1/profiles/service/token", body)
            #expect(again.status == 200)
            #expect(again.accessToken != first.accessToken)
            #expect(await broker.emulator.counters.tokensDownscoped == 2)
        }
    }

    @Test("Box refusing the credentials is 502 with Box's error; Box unavailable is 503; neither leaks a secret")
    func boxFailures() async throws {
        try await BrokerFixture.with { broker in
            await broker.emulator.emulator.injectFaults(
                .status(400, body: #"{"error": "invalid_grant", "error_description": "bad assertion"}"#))
            let refused = await broker.get("/v1/profiles/service/token")
            #expect(refused.status == 502, "\(refused.text)")
            #expect(refused.errorCode == "box_refused")
            #expect(refused.text.contains("invalid_grant"))
            await broker.emulator.emulator.injectFaults(.status(503), count: 10)
            let unavailable = await broker.get("/v1/profiles/alice/token")
            #expect(unavailable.status == 503, "\(unavailable.text)")
            #expect(unavailable.errorCode == "unavailable")
            for response in [refused, unavailable] {
                #expect(!response.text.contains(TestIdentity.clientSecret))
                #expect(!response.text.contains("BEGIN"))
            }
        }
    }

    @Test("A profile the broker cannot build is 500 naming the file, not the secret")
    func misconfiguredProfile() async throws {
        try await BrokerFixture.with(
            profiles: ["broken": #"{"provider": "jwt", "configFile": "missing_config.json"}"#]
        ) { broker in
            let response = await broker.get("/v1/profiles/broken/token")
            #expect(response.status == 500)
            #expect(response.errorCode == "broker_misconfigured")
            #expect(response.text.contains("missing_config.json"))
        }
    }

    @Test("The audit log has one line per request, naming client, profile, route and status, and never a token")
    func auditLog() async throws {
        try await BrokerFixture.with { broker in
            let token = try #require(await broker.get("/v1/profiles/service/token").accessToken)
            _ = await broker.post("/v1/profiles/service/invalidate", #"{"access_token": "\#(token)"}"#)
            _ = await broker.get("/v1/profiles/service/token", peer: BrokerFixture.stranger)
            #expect(broker.log.messages.filter { $0 == "broker request" }.count == 3)
            #expect(broker.log.metadata("client", ofMessage: "broker request") == ["owner", "owner", "uid:4242"])
            #expect(broker.log.metadata("route", ofMessage: "broker request") == ["token", "invalidate", "token"])
            #expect(broker.log.metadata("status", ofMessage: "broker request") == ["200", "204", "403"])
            #expect(broker.log.metadata("profile", ofMessage: "broker request") == ["service", "service", "service"])
            #expect(!broker.log.lines.joined().contains(token))
        }
    }

    @Test("Reload keeps the tokens of unchanged profiles; a broken file changes nothing")
    func reload() async throws {
        try await BrokerFixture.with { broker in
            let service = try #require(await broker.get("/v1/profiles/service/token").accessToken)
            let alice = try #require(await broker.get("/v1/profiles/alice/token").accessToken)
            var entries = BrokerFixture.defaultProfiles
            entries["alice"] = #"{"provider": "user-access-token", "userID": "44444", "configFile": "box_config.json"}"#
            entries["bob"] = #"{"provider": "jwt", "configFile": "box_config.json"}"#
            try BrokerFixture.writeProfiles(entries, policy: nil, in: broker.emulator)
            #expect(try broker.profiles.reload() == ["alice", "bob"])
            #expect(await broker.get("/v1/profiles/service/token").accessToken == service)
            #expect(await broker.get("/v1/profiles/alice/token").accessToken != alice)
            #expect(await broker.get("/v1/health").object["profiles"] == .integer(3))
            try broker.emulator.write("{ not json", named: "profiles.json")
            #expect(throws: ConfigurationError.self) { try broker.profiles.reload() }
            #expect(await broker.get("/v1/profiles/service/token").accessToken == service)
            #expect(await broker.get("/v1/health").object["profiles"] == .integer(3))
        }
    }
}
