/// A broken contract found by a conformance check: which contract, what the check saw, and what to
/// change.
///
/// The checks throw it, so they work under any test framework: Swift Testing reports the thrown
/// error with its description, and XCTest does the same for a throwing test method.
///
/// ```
/// TokenStore breaks "single flight": 8 callers sharing one store made 8 fetches, not 1.
/// Fix: take the store's lock, read the token again under it, and call fetch only when that token is not fresh.
/// ```
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The protocol whose contract is broken: `AuthProvider`, `TokenStore` or `TokenPairStore`.
    public let conformance: String
    /// The contract, in a few words (a `Contract`'s description).
    public let contract: String
    /// What the check saw.
    public let observed: String
    /// What to change in the implementation.
    public let fix: String

    /// A failure of `contract` of `conformance`: `observed` happened; `fix` says what to change.
    public init(conformance: String, contract: String, observed: String, fix: String) {
        self.conformance = conformance
        self.contract = contract
        self.observed = observed
        self.fix = fix
    }

    /// The contract, what was seen and the fix, in two lines.
    public var description: String {
        "\(conformance) breaks \"\(contract)\": \(observed)\nFix: \(fix)"
    }
}
