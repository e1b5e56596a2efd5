import BoxAuth
import BoxAuthTesting
import Testing

/// The checks themselves: a correct store passes every contract, and each flawed store fails the
/// contract it breaks, with a `ConformanceFailure` naming it.
@Suite("TokenStoreConformance on correct and flawed stores")
struct TokenStoreConformanceTests {
    static func conformance(_ flaw: SlotStore.Flaw, hangLimit: Duration = .seconds(120)) -> TokenStoreConformance {
        let slots = Slots()
        return TokenStoreConformance(hangLimit: hangLimit) { name in SlotStore(slot: slots.slot(name), flaw: flaw) }
    }

    @Test("a correct store keeps every contract")
    func correctStorePasses() async throws {
        try await Self.conformance(.none).run()
    }

    @Test(
        "each flaw is caught by the contract it breaks",
        arguments: [
            (SlotStore.Flaw.noLock, TokenStoreConformance.Contract.singleFlight),
            (.noRereadUnderLock, .rereadsUnderLock),
            (.removesAnyToken, .removesOnlyThatToken),
        ])
    func flawCaught(flaw: SlotStore.Flaw, contract: TokenStoreConformance.Contract) async throws {
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.conformance(flaw).check(contract)
        }
        #expect(failure.conformance == "TokenStore")
        #expect(failure.contract == contract.description)
        #expect(!failure.fix.isEmpty)
    }

    @Test("a store that locks for a fresh read is reported as holding up the fresh read")
    func lockedFreshReadCaught() async throws {
        // The flawed read waits for a lock its holder keeps until the check ends, so the check can
        // only see it as a step that never finishes: a short hang limit decides it. A slow machine
        // can only make this check fail the same way, never pass.
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.conformance(.lockedFreshRead, hangLimit: .seconds(2)).check(.freshReadTakesNoLock)
        }
        #expect(failure.contract == TokenStoreConformance.Contract.freshReadTakesNoLock.description)
    }
}
