/// A Box user as `GET /2.0/users/me` describes them: who a token acts as.
///
/// The values are text from a server, kept as Box sent them (an ID sent as a number of any size is
/// kept as its digits). Escape them before printing to a terminal or into HTML.
public struct BoxUser: Sendable, Hashable {
    /// The user's ID (`id`), or `?` when the answer had none.
    public let id: String
    /// The user's name (`name`), or `?` when the answer had none.
    public let name: String
    /// The user's login, usually an email address (`login`), when the answer had one.
    public let login: String?

    /// A user with these values.
    public init(id: String, name: String, login: String? = nil) {
        self.id = id
        self.name = name
        self.login = login
    }
}
