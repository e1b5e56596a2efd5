@_spi(Plumbing) import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// The machine's file lock in front of a shared store keeps the store's contracts (the shared
/// store here is a file store standing in for a database).
@Suite("MachineLockedTokenStore")
struct MachineLockedTokenStoreTests {
    @Test("keeps the TokenStore contracts (BoxAuthTesting)", arguments: TokenStoreConformance.Contract.allCases)
    func conformance(_ contract: TokenStoreConformance.Contract) async throws {
        try await TemporaryDirectory.with { directory in
            try await TokenStoreConformance { name in
                MachineLockedTokenStore(
                    shared: FileTokenStore(directory: directory.url.appendingPathComponent("shared"), key: [name]),
                    lockFile: directory.url.appendingPathComponent("machine/\(name).lock"))
            }
            .check(contract)
        }
    }
}
