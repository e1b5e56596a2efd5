import ServiceLifecycle

extension PostgresTokenStore: Service {
    /// Runs the pool the store owns (``init(clientConfiguration:key:appSecret:options:logger:metrics:now:)``)
    /// until graceful shutdown or cancellation; for a store over the app's pool or direct
    /// connections, waits for graceful shutdown (there is nothing to run).
    public func run() async throws {
        if let ownedClient {
            try await cancelWhenGracefulShutdown { await ownedClient.run() }
        } else {
            try await gracefulShutdown()
        }
    }
}
