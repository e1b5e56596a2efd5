import BoxAuth
import Foundation

/// A custom provider kind for registry tests: declares a few settings and builds a
/// ``StubProvider`` that remembers the context it was built from.
struct StubProviderFactory: AuthProviderFactory {
    var kind = "stub"
    var summary = "A provider for tests."
    var settings = [
        ProviderSetting("clientID", .string, summary: "A client ID."),
        ProviderSetting("clientSecret", .secret, required: true, summary: "A client secret."),
        ProviderSetting("enterpriseID", .string, summary: "An enterprise ID."),
        ProviderSetting("mode", .oneOf(["fast", "slow"]), summary: "A choice."),
        ProviderSetting("enabled", .boolean, summary: "A switch."),
        ProviderSetting("keyFile", .path, summary: "A file."),
    ]

    func makeProvider(context: ProviderContext) throws -> any AuthProvider {
        StubProvider(kind: kind, context: context, secret: try context.settings.requiredSecret("clientSecret"))
    }
}

/// What ``StubProviderFactory`` builds: a provider that hands out one fixed token.
struct StubProvider: AuthProvider {
    let kind: String
    let context: ProviderContext
    let secret: Secret

    var subject: BoxSubject? { nil }

    func accessToken() async throws -> AccessToken {
        AccessToken(value: "stub-token", expiresAt: Date().addingTimeInterval(3600))
    }

    func invalidate(_ token: AccessToken) async {}
}
