import AsyncHTTPClient
import BoxAuthAsyncHTTPClient
import BoxAuthEmulator
import BoxAuthTestSupport

extension EmulatorFixture {
    /// Runs `body` with the emulator fixture on a loopback socket, reached through an
    /// ``AsyncHTTPClientTransport`` whose client is shut down afterwards, whether `body` throws or not.
    static func withAsyncHTTPClient(_ body: (EmulatorFixture) async throws -> Void) async throws {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: AsyncHTTPClientTransport.clientConfiguration)
        do {
            try await EmulatorFixture.with(connection: .socket, client: AsyncHTTPClientTransport(client: client), body)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
