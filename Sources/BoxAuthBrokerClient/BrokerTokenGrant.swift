package import BoxAuth
import Foundation
package import Logging

/// Gets a token for one of the broker's profiles: `GET /v1/profiles/{profile}/token`, each time it
/// is asked (the ``TokenCache`` in front of it caches), and tells the broker about refused tokens.
package struct BrokerTokenGrant: TokenFetcher, TokenSourceNaming {
    /// How requests reach the broker.
    package let connection: BrokerConnection
    /// The broker's profile.
    package let profile: String
    /// Receives one debug line per request, and a warning when an invalidation fails.
    package let logger: Logger

    /// A grant for the broker's `profile` through `connection`.
    package init(connection: BrokerConnection, profile: String, logger: Logger) {
        self.connection = connection
        self.profile = profile
        self.logger = logger
    }

    /// `broker`: the `box_auth.tier` of the requests this grant answers.
    package var tokenSource: String { "broker" }

    /// Asks the broker for the profile's current token.
    /// - Throws: ``BrokerClientError`` when the broker is not reached, refuses, or answers with
    ///   something that is not a token.
    package func fetchToken() async throws -> AccessToken {
        logger.debug("token broker request", metadata: ["broker": "\(connection.brokerDescription)"])
        let response = try await connection.send("GET", profile: profile, action: "token")
        let receivedAt = Date()
        guard response.status == 200 else { throw refusal(response) }
        do {
            return try BrokerTokenResponse.accessToken(from: response.body, receivedAt: receivedAt)
        } catch {
            throw BrokerClientError.malformedResponse(
                status: response.status, detail: error.detail, broker: connection.brokerDescription, profile: profile,
                setting: connection.settingName)
        }
    }

    /// Tells the broker that `token` was refused (`POST /v1/profiles/{profile}/invalidate`), so that
    /// it drops it if it is still its current one. Failures are logged, never thrown, and the log
    /// never holds the token.
    package func invalidate(_ token: AccessToken) async {
        let body = (try? JSONEncoder().encode(["access_token": token.value])) ?? Data()
        do {
            let response = try await connection.send("POST", profile: profile, action: "invalidate", body: body)
            guard (200..<300).contains(response.status) else {
                logger.warning(
                    "the token broker did not invalidate the refused token",
                    metadata: ["broker": "\(connection.brokerDescription)", "error": "\(refusal(response))"])
                return
            }
        } catch {
            logger.warning(
                "could not tell the token broker that a token was refused",
                metadata: ["broker": "\(connection.brokerDescription)", "error": "\(error)"])
        }
    }

    /// The error for a non-200 answer, with the broker's `error` and `message` when its body has them.
    private func refusal(_ response: TransportResponse) -> BrokerClientError {
        let fields = (try? JSONDecoder().decode(JSONValue.self, from: response.body))?.objectValue
        return .refused(
            status: response.status, brokerError: fields?["error"]?.stringValue.map { String($0.prefix(100)) },
            brokerMessage: fields?["message"]?.stringValue.map { String($0.prefix(500)) },
            broker: connection.brokerDescription, profile: profile, setting: connection.settingName)
    }
}
