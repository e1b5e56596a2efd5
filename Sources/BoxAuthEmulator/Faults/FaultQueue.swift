/// The faults waiting for the next token requests, in the order they were injected.
struct FaultQueue: Sendable {
    private var pending: [FaultInjection] = []

    /// Adds `injection` after the faults already waiting.
    mutating func append(_ injection: FaultInjection) {
        pending.append(injection)
    }

    /// The fault the next token request gets, taken off the queue; nil when none is waiting.
    mutating func next() -> EmulatorFault? {
        guard let first = pending.first else { return nil }
        if first.count > 1 {
            pending[0].count -= 1
        } else {
            pending.removeFirst()
        }
        return first.fault
    }

    /// Drops every waiting fault.
    mutating func removeAll() { pending.removeAll() }

    /// How many token requests will still get a fault.
    var count: Int { pending.reduce(0) { $0 + $1.count } }
}
