package import Foundation

/// Who may ask the token broker (`box-auth serve`) for which profiles: the `"broker"` object of a
/// profiles file.
///
/// ```json
/// "broker": {
///   "clients": [
///     {"name": "ci", "uid": 1001, "profiles": ["service"]},
///     {"name": "web", "gid": "www-data", "profiles": ["*"],
///      "downscope": {"scopes": ["item_preview"], "resource": "https://api.box.com/2.0/folders/0"}},
///     {"name": "app", "tokenFile": "secrets/app.token", "profiles": ["service"]}
///   ]
/// }
/// ```
///
/// A client is one user (`uid`, a number or a user name), one group (`gid`, a number or a group
/// name) or one holder of a secret (`tokenFile`, for callers over TCP). Without a policy, only the
/// broker's own user may ask, for every profile; with one, the broker's own user still may.
package struct BrokerPolicy: Sendable, Equatable {
    /// The keys a `"broker"` object may have.
    package static let keys = ["clients"]
    /// The keys a client may have.
    package static let clientKeys = ["name", "uid", "gid", "tokenFile", "profiles", "downscope"]

    /// One named client and what it may get.
    package struct Client: Sendable, Equatable {
        /// How the broker recognises the client.
        package enum Identity: Sendable, Hashable {
            /// A caller on the Unix socket running as this user ID.
            case user(UInt32)
            /// A caller on the Unix socket whose group (primary or supplementary) is this group ID.
            case group(UInt32)
            /// A caller that presents the content of this file as its bearer secret.
            case tokenFile(URL)
        }

        /// The client's name, for audit lines and metrics.
        package let name: String
        /// How the broker recognises it.
        package let identity: Identity
        /// The profiles it may use; nil means every profile (`"*"`).
        package let profiles: Set<String>?
        /// The downscope every token it gets is restricted to, if any.
        package let downscope: BrokerDownscope?
        /// Where the client is in the file, for errors.
        package let path: JSONPath

        /// Whether the client may use `profile`.
        package func allows(_ profile: String) -> Bool { profiles?.contains(profile) ?? true }
    }

    /// The clients, in file order.
    package let clients: [Client]

    /// Reads the `"broker"` object of `file`, whose profiles are `profileNames`.
    /// - Throws: ``ConfigurationError`` naming the file and the JSON path of what is wrong.
    package init(
        json: JSONValue, file: String, baseDirectory: URL, profileNames: Set<String>
    ) throws(ConfigurationError) {
        let root = try JSONObjectReader(json, file: file, path: JSONPath("broker"))
        for key in root.members.keys.sorted() where !Self.keys.contains(key) {
            throw .unknownKey(file, root.path, key: key, known: Self.keys)
        }
        let clientsPath = root.path.appending("clients")
        guard let value = root.members["clients"] else {
            throw .missingValue(file, clientsPath, what: "'clients' (an array of clients)")
        }
        guard case .array(let items) = value else {
            throw .wrongType(file, clientsPath, expected: "an array", found: value)
        }
        var clients: [Client] = []
        var names: Set<String> = []
        for (index, item) in items.enumerated() {
            let client = try Self.client(
                item, file: file, path: clientsPath.appending(index: index), baseDirectory: baseDirectory,
                profileNames: profileNames)
            guard names.insert(client.name).inserted else {
                throw .invalidValue(
                    file, client.path.appending("name"), "two clients are named \(MessageText.quoted(client.name)).",
                    hint: "Give each client a name of its own.")
            }
            clients.append(client)
        }
        self.clients = clients
    }

    private static func client(
        _ value: JSONValue, file: String, path: JSONPath, baseDirectory: URL, profileNames: Set<String>
    ) throws(ConfigurationError) -> Client {
        let reader = try JSONObjectReader(value, file: file, path: path)
        for key in reader.members.keys.sorted() where !clientKeys.contains(key) {
            throw .unknownKey(file, path, key: key, known: clientKeys)
        }
        let name = try reader.requiredString("name")
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .invalidValue(
                file, path.appending("name"), "a client name must be printable ASCII without spaces.",
                hint: "It names the client in audit lines and metrics: use a short word such as \"ci\".")
        }
        let given = ["uid", "gid", "tokenFile"].filter { reader.members[$0] != nil }
        guard given.count == 1 else {
            throw .invalidValue(
                file, path,
                given.isEmpty
                    ? "the client \(MessageText.quoted(name)) names no caller."
                    : "the client \(MessageText.quoted(name)) has \(given.joined(separator: " and ")); it takes one.",
                hint: "Give exactly one of \"uid\" (a user), \"gid\" (a group) or \"tokenFile\" (a bearer secret).")
        }
        let identity: Client.Identity
        switch given[0] {
        case "uid": identity = .user(try account(reader, "uid", lookup: SystemAccounts.userID))
        case "gid": identity = .group(try account(reader, "gid", lookup: SystemAccounts.groupID))
        default: identity = .tokenFile(FilePaths.resolve(try reader.requiredString("tokenFile"), relativeTo: baseDirectory))
        }
        return Client(
            name: name, identity: identity,
            profiles: try profiles(reader, profileNames: profileNames),
            downscope: try reader.members["downscope"].map { value throws(ConfigurationError) in
                try BrokerDownscope(json: value, file: file, path: path.appending("downscope"))
            },
            path: path)
    }

    private static func account(
        _ reader: JSONObjectReader, _ key: String, lookup: (String) -> UInt32?
    ) throws(ConfigurationError) -> UInt32 {
        let path = reader.path.appending(key)
        switch reader.members[key] {
        case .integer(let number)? where number >= 0 && number < Int64(UInt32.max):
            return UInt32(number)
        case .string(let name)? where !name.isEmpty:
            guard let id = lookup(name) else {
                throw .invalidValue(
                    reader.file, path, "this machine has no \(key == "uid" ? "user" : "group") named \(MessageText.quoted(name)).",
                    hint: "Create it, or give its number.")
            }
            return id
        case let value?:
            throw .wrongType(reader.file, path, expected: "a number or a name", found: value)
        case nil:
            throw .missingValue(reader.file, path, what: "'\(key)'")
        }
    }

    private static func profiles(
        _ reader: JSONObjectReader, profileNames: Set<String>
    ) throws(ConfigurationError) -> Set<String>? {
        let path = reader.path.appending("profiles")
        guard let value = reader.members["profiles"] else {
            throw .missingValue(reader.file, path, what: "'profiles' (the profile names it may use, or [\"*\"])")
        }
        guard case .array(let items) = value, !items.isEmpty else {
            throw .wrongType(reader.file, path, expected: "a non-empty array of profile names", found: value)
        }
        var names: Set<String> = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item else {
                throw .wrongType(reader.file, path.appending(index: index), expected: "a string", found: item)
            }
            if name == "*" { return nil }
            guard profileNames.contains(name) else {
                throw .invalidValue(
                    reader.file, path.appending(index: index), "no profile is named \(MessageText.quoted(name)).",
                    hint: "Profiles: \(profileNames.sorted().map(MessageText.escaped).joined(separator: ", ")).")
            }
            names.insert(name)
        }
        return names
    }
}
