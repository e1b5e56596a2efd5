package import BoxAuth
import Foundation
import Synchronization

/// Decides who a request comes from: on the Unix socket by the peer's user and groups, on TCP by
/// its bearer secret; then which ``BrokerClient`` that is under the profiles file's `"broker"`
/// policy.
///
/// The broker's own user (and whoever holds the broker's token file) is the owner and may use
/// every profile; with no policy, nobody else may ask. Group membership is looked up once per
/// user and kept until the policy is reloaded.
package final class AccessPolicy: Sendable {
    private let policy: BrokerPolicy?
    private let ownerUID: UInt32
    private let ownerSecret: BearerSecret?
    private let clientSecrets: [(secret: BearerSecret, client: BrokerClient)]
    private let groupsByUser = Mutex<[UInt32: Set<UInt32>]>([:])

    /// A policy for a broker running as `ownerUID`, whose TCP listener's secret is `ownerSecret`.
    /// - Throws: ``ConfigurationError`` when a client's token file cannot be read.
    package init(
        policy: BrokerPolicy?, ownerUID: UInt32, ownerSecret: BearerSecret?, profilesFile: String
    ) throws(ConfigurationError) {
        self.policy = policy
        self.ownerUID = ownerUID
        self.ownerSecret = ownerSecret
        var secrets: [(secret: BearerSecret, client: BrokerClient)] = []
        for client in policy?.clients ?? [] {
            guard case .tokenFile(let url) = client.identity else { continue }
            let secret = try BearerSecret.read(
                url, referencedFrom: profilesFile, jsonPath: client.path.appending("tokenFile").description)
            secrets.append((secret, BrokerClient(client)))
        }
        self.clientSecrets = secrets
    }

    /// The client `request` comes from.
    /// - Throws: ``BrokerFailure``: 401 on TCP without a known secret, 403 for a socket caller the
    ///   policy does not name.
    package func client(for request: BrokerRequest) throws(BrokerFailure) -> BrokerClient {
        switch request.listener {
        case .tcp: return try bearerClient(request.value(of: "authorization"))
        case .socket:
            guard let peer = request.peer else {
                throw .forbidden("the broker could not read the caller's user from the socket.")
            }
            return try socketClient(peer)
        }
    }

    private func bearerClient(_ authorization: String?) throws(BrokerFailure) -> BrokerClient {
        guard let authorization, authorization.count > 7,
            authorization.prefix(7).lowercased() == "bearer "
        else {
            throw .unauthorized(
                "requests over TCP carry 'Authorization: Bearer SECRET', SECRET being the content of the broker's "
                    + "token file (or of the client's own, named in the policy).")
        }
        let presented = authorization.dropFirst(7).utf8
        // Every secret is compared, so the time taken does not tell which one matched.
        var found: BrokerClient?
        if let ownerSecret, ownerSecret.matches(presented) { found = .owner }
        for (secret, client) in clientSecrets where secret.matches(presented) && found == nil {
            found = client
        }
        guard let found else {
            throw .unauthorized("the bearer secret is not the broker's; read it again from the token file.")
        }
        return found
    }

    private func socketClient(_ peer: PeerCredentials) throws(BrokerFailure) -> BrokerClient {
        if peer.uid == ownerUID { return .owner }
        let clients = policy?.clients ?? []
        if let client = clients.first(where: { $0.identity == .user(peer.uid) }) { return BrokerClient(client) }
        let groupClients = clients.filter { if case .group = $0.identity { true } else { false } }
        if !groupClients.isEmpty {
            let groups = groups(of: peer)
            for client in groupClients {
                if case .group(let gid) = client.identity, groups.contains(gid) { return BrokerClient(client) }
            }
        }
        throw .forbidden(
            "user \(peer.uid) is not a client of this broker; the broker's operator can add it to the \"broker\" "
                + "policy in profiles.json.")
    }

    private func groups(of peer: PeerCredentials) -> Set<UInt32> {
        if let known = groupsByUser.withLock({ $0[peer.uid] }) { return known.union([peer.gid]) }
        let groups = SystemAccounts.groups(ofUser: peer.uid, primaryGroup: peer.gid)
        groupsByUser.withLock { $0[peer.uid] = groups }
        return groups
    }
}

extension BrokerClient {
    /// The client a policy entry describes.
    init(_ client: BrokerPolicy.Client) {
        self.init(name: client.name, profiles: client.profiles, downscope: client.downscope)
    }
}
