import BoxAuth
import Foundation

/// Box's downscoping grant (`urn:ietf:params:oauth:grant-type:token-exchange`): a token restricted
/// to some scopes, and optionally to one item or shared link, exchanged from a valid token.
struct TokenExchangeGrantCheck: Sendable {
    /// The grant type.
    static let grantType = TokenEndpoint.tokenExchangeGrantType

    /// The scopes Box lets a downscoped token keep.
    static let knownScopes: Set<String> = [
        "annotation_edit", "annotation_view_all", "annotation_view_self", "base_explorer", "base_picker",
        "base_preview", "base_sidebar", "base_upload", "item_comment", "item_delete", "item_download",
        "item_preview", "item_rename", "item_share", "item_upload", "root_readonly", "root_readwrite",
        "item_readwrite", "ai.readwrite",
    ]

    /// Checks the form against the subject token and builds the restricted token.
    /// - Throws: The ``TokenRejection`` Box would answer.
    static func check(_ request: TokenRequest, subject: IssuedToken?, now: Date) throws(TokenRejection) -> IssuedToken {
        guard let subject, subject.isValid(at: now) else { throw .invalidSubjectToken }
        guard request.value("subject_token_type") == TokenEndpoint.accessTokenType else {
            throw .missingParameter("subject_token_type")
        }
        let scopes = (request.value("scope") ?? "").split(separator: " ").map(String.init)
        guard !scopes.isEmpty else { throw .missingParameter("scope") }
        let allowed =
            subject.restrictedTo.isEmpty
            ? knownScopes : Set(subject.restrictedTo.compactMap { $0.objectValue?["scope"]?.stringValue })
        if let unknown = scopes.first(where: { !allowed.contains($0) }) { throw .invalidScope(unknown) }
        let object = try restrictedObject(
            resource: request.value("resource"), sharedLink: request.value("box_shared_link"))
        var token = IssuedToken(clientID: subject.clientID, subject: subject.subject, expiresAt: subject.expiresAt)
        token.restrictedTo = scopes.map { scope in
            var item: [String: JSONValue] = ["scope": .string(scope)]
            if let object { item["object"] = object }
            return .object(item)
        }
        return token
    }

    /// The item a `resource` URL (`.../2.0/files/123`) or shared link names, or nil for neither.
    private static func restrictedObject(resource: String?, sharedLink: String?) throws(TokenRejection) -> JSONValue? {
        if let resource {
            let parts = resource.split(separator: "/").map(String.init)
            guard parts.count >= 2, let id = parts.last, id.allSatisfy(\.isNumber),
                let type = ["files": "file", "folders": "folder"][parts[parts.count - 2]]
            else { throw .invalidResource }
            return .object(["type": .string(type), "id": .string(id)])
        }
        if let sharedLink {
            guard sharedLink.hasPrefix("https://") else { throw .invalidResource }
            return .object(["type": .string("shared_link"), "url": .string(sharedLink)])
        }
        return nil
    }
}

extension TokenRejection {
    /// The subject token is unknown, expired or revoked.
    static let invalidSubjectToken = TokenRejection(
        reason: "subject_token", error: "invalid_grant",
        description: "Please check the 'subject_token' parameter. The token is invalid or expired.")

    /// A scope the subject token does not have, or that does not exist.
    static func invalidScope(_ scope: String) -> TokenRejection {
        TokenRejection(
            reason: "scope", error: "invalid_scope", description: "The requested scope '\(scope)' is invalid.")
    }

    /// A `resource` that is not a file or folder API URL, or a shared link that is not https.
    static let invalidResource = TokenRejection(
        reason: "resource", error: "invalid_request",
        description:
            "Please check the 'resource' parameter. It must be a file or folder API URL, or 'box_shared_link' an https link."
    )
}
