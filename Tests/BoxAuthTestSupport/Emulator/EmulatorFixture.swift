public import BoxAuth
public import BoxAuthEmulator
import BoxAuthProviders
public import Foundation
import Logging

/// The one emulator fixture of the test suite: an ``EmulatorSandbox`` for the test app of
/// ``TestIdentity`` (with the committed test key, so nothing is generated), reached in-process by
/// default, and a transport that records what providers send.
///
/// ```swift
/// try await EmulatorFixture.with { fixture in
///     let profile = try fixture.profile(#"{"provider": "jwt", "configFile": "box_config.json"}"#)
///     let token = try await profile.accessToken()
///     #expect(try await fixture.currentUser(token).id == fixture.serviceAccountID)
/// }
/// ```
///
/// Use ``Connection/socket`` only where sockets are the subject: connection faults (close, stall)
/// and the CLI, which runs as a child process.
public struct EmulatorFixture: Sendable {
    /// How tests reach the emulator.
    public enum Connection: Sendable {
        /// Through the emulator's router, without a socket.
        case inProcess
        /// Over HTTP on 127.0.0.1 (an ephemeral port), through the default URLSession transport.
        case socket
    }

    /// The private key file's name inside ``folder`` (the encrypted PEM alone).
    public static let privateKeyFileName = "private_key.pem"
    /// The config file's name inside ``folder``.
    public static let configFileName = "box_config.json"
    /// The client secret file's name inside ``folder``.
    public static let clientSecretFileName = "client_secret.txt"

    /// The sandbox: emulator, app and folder.
    public let sandbox: EmulatorSandbox
    /// How the fixture reaches the emulator.
    public let connection: Connection
    /// Records every request providers send, then sends it to the emulator.
    public let transport: RecordingTransport

    /// The running emulator.
    public var emulator: BoxEmulator { sandbox.emulator }
    /// The emulator's base URL, as written into profiles.
    public var baseURL: URL { sandbox.baseURL }
    /// The sandbox's folder (0700), holding `box_config.json`, secret files and `profiles.json`.
    public var folder: URL { sandbox.folder }
    /// The test app, as written to `box_config.json`.
    public var config: BoxAppConfig { sandbox.config }

    /// An emulator configuration that logs only errors.
    public static func quietConfiguration(
        tokenLifetime: Int = 3600, clockOffset: TimeInterval = 0
    ) -> BoxEmulator.Configuration {
        var configuration = BoxEmulator.Configuration(tokenLifetime: tokenLifetime, clockOffset: clockOffset)
        configuration.logger.logLevel = .error
        return configuration
    }

    /// The sandbox identity of the test app: ``TestIdentity`` with the committed test key.
    public static func identity() throws -> SandboxIdentity {
        SandboxIdentity(
            clientID: TestIdentity.clientID, clientSecret: Secret(TestIdentity.clientSecret),
            publicKeyID: TestIdentity.publicKeyID, privateKeyPEM: Secret(try TestKeys.text(TestKeys.boxConsole)),
            passphrase: Secret(TestIdentity.passphrase), enterpriseID: TestIdentity.enterpriseID)
    }

    /// Starts a sandbox for the test app. Call ``stop()`` at the end, or use ``with(_:connection:serverDate:_:)``.
    /// - Parameters:
    ///   - configuration: The emulator's configuration (quiet by default).
    ///   - connection: In-process (default) or over a loopback socket.
    ///   - serverDate: What the recording transport does with responses' `Date` header.
    ///   - client: The HTTP transport for ``Connection/socket`` (the default URLSession transport if nil).
    public static func start(
        _ configuration: BoxEmulator.Configuration = quietConfiguration(), connection: Connection = .inProcess,
        serverDate: RecordingTransport.ServerDate = .asSent, client: (any HTTPTransport)? = nil
    ) async throws -> EmulatorFixture {
        let sandbox = try await EmulatorSandbox.start(
            configuration: configuration, identity: try identity(), listening: connection == .socket)
        let base: any HTTPTransport = connection == .socket ? client ?? SharedTransport.default : sandbox.transport
        let fixture = EmulatorFixture(
            sandbox: sandbox, connection: connection, transport: RecordingTransport(base, serverDate: serverDate))
        do {
            try sandbox.writeFile(privateKeyFileName, try TestKeys.text(TestKeys.boxConsole))
        } catch {
            await sandbox.stop()
            throw error
        }
        return fixture
    }

    /// Runs `body` with a started fixture and stops it afterwards, whether `body` throws or not.
    public static func with<Result>(
        _ configuration: BoxEmulator.Configuration = quietConfiguration(), connection: Connection = .inProcess,
        serverDate: RecordingTransport.ServerDate = .asSent, client: (any HTTPTransport)? = nil,
        _ body: (EmulatorFixture) async throws -> Result
    ) async throws -> Result {
        let fixture = try await start(configuration, connection: connection, serverDate: serverDate, client: client)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    /// Stops the emulator and deletes the folder.
    public func stop() async {
        await sandbox.stop()
    }

    /// What the emulator's token endpoint has seen so far.
    public var counters: EmulatorCounters {
        get async { await emulator.counters }
    }

    /// The service account's user ID, which `/2.0/users/me` shows for enterprise tokens.
    public var serviceAccountID: String { EmulatedApp.derivedServiceAccountID(clientID: config.clientID) }

    /// A `/2.0/users/me` client reaching the emulator the fixture's way.
    public var usersMe: CurrentUserRequest { CurrentUserRequest(baseURL: baseURL, transport: transport) }

    /// The user `/2.0/users/me` shows for `token`.
    public func currentUser(_ token: AccessToken, asUser: String? = nil) async throws -> BoxUser {
        try await usersMe.user(token: token, asUser: asUser)
    }
}
