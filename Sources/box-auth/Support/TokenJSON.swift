import BoxAuthProviders
import Foundation

/// The `--json` form of `box-auth token`.
enum TokenJSON {
    static func render(_ token: AccessToken, profile: ResolvedProfile) -> String {
        var fields: [String: JSONValue] = [
            "access_token": .string(token.value),
            "expires_at": .string(ISO8601DateFormatter().string(from: token.expiresAt)),
            "token_type": .string(token.tokenType),
            "profile": .string(profile.name),
            "provider": .string(profile.kind),
        ]
        if let asUser = profile.options.asUser { fields["as_user"] = .string(asUser) }
        if !token.restrictedTo.isEmpty { fields["restricted_to"] = .array(token.restrictedTo) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONValue.object(fields))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
