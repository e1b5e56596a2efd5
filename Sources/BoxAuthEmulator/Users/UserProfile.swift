import BoxAuth

/// The user `/2.0/users/me` describes: a service account or a user, in Box's mini user shape.
struct UserProfile: Sendable, Hashable {
    /// The user ID.
    let id: String
    /// The display name.
    let name: String
    /// The login (an email address).
    let login: String

    /// The service account of `app`, which enterprise tokens act as.
    static func serviceAccount(of app: EmulatedApp) -> UserProfile {
        UserProfile(
            id: app.serviceAccountID, name: app.name,
            login: "AutomationUser_\(app.serviceAccountID)_\(app.clientID.prefix(10))@boxdevedition.com")
    }

    /// User `id`, named as `app` names it when it does.
    static func user(_ id: String, of app: EmulatedApp?) -> UserProfile {
        UserProfile(id: id, name: app?.userNames[id] ?? "Emulated User \(id)", login: "user-\(id)@example.com")
    }

    /// `{"type": "user", "id": ..., "name": ..., "login": ...}`.
    var json: JSONValue {
        .object(["type": .string("user"), "id": .string(id), "name": .string(name), "login": .string(login)])
    }
}
