import Synchronization

/// The registered apps by client ID, readable from any task without waiting for the state actor,
/// so that routes can check client credentials and verify assertions outside it.
final class AppRegistry: Sendable {
    private let apps = Mutex<[String: EmulatedApp]>([:])

    /// An empty registry.
    init() {}

    /// Adds `app`, replacing any app with the same client ID.
    func register(_ app: EmulatedApp) {
        apps.withLock { $0[app.clientID] = app }
    }

    /// The apps registered now, by client ID (a copy: later registrations do not change it).
    var snapshot: [String: EmulatedApp] { apps.withLock { $0 } }

    /// The app registered under `clientID`, if any.
    func app(clientID: String) -> EmulatedApp? { apps.withLock { $0[clientID] } }
}
