package import Tracing
import Synchronization

/// The `box_auth.token` span of the token request in progress, reachable from the stores the
/// request goes through (as a task-local), so that they can say which tier answered and how long a
/// lock was waited for without taking a tracer of their own.
///
/// ``TokenCache`` starts one for each refresh (never for a memory hit) and binds it to ``current``
/// while the refresh runs; outside a refresh the static recorders do nothing.
package final class TokenRequestSpan: Sendable {
    /// The span of the refresh running in this task, if any.
    @TaskLocal package static var current: TokenRequestSpan?

    /// The span itself.
    package let span: any Span
    private let lockWait = Mutex<Duration>(.zero)
    private let tier = Mutex<String?>(nil)

    /// Records the request's attributes on `span`.
    package init(span: any Span, profile: String?, provider: String, subjectType: String?, storesTokens: Bool) {
        self.span = span
        span.updateAttributes { attributes in
            if let profile { attributes[TracingAttribute.profile] = profile }
            attributes[TracingAttribute.provider] = provider
            if let subjectType { attributes[TracingAttribute.subjectType] = subjectType }
            if storesTokens { attributes[TracingAttribute.lockWaited] = false }
        }
    }

    /// The tier named so far (by a store, or `network` when the fetcher was called).
    package var answeringTier: String? { tier.withLock { $0 } }

    /// Names the tier that answered the current request (`file`, `postgres`, `network`, ...).
    package static func answered(by tier: @autoclosure () -> String) {
        guard let current else { return }
        let tier = tier()
        current.tier.withLock { $0 = tier }
        current.span.attributes[TracingAttribute.tier] = tier
    }

    /// Records that the current request took `store`'s lock after waiting `waited`: an event on the
    /// span, and the span's total lock wait.
    package static func lockAcquired(store: String, waited: Duration) {
        guard let current else { return }
        let total = current.lockWait.withLock { total in
            total += waited
            return total
        }
        current.span.addEvent(
            SpanEvent(
                name: TracingAttribute.lockAcquiredEvent,
                attributes: [
                    TracingAttribute.store: .string(store), TracingAttribute.lockWaitDuration: .double(waited.seconds),
                ]))
        current.span.updateAttributes { attributes in
            attributes[TracingAttribute.lockWaited] = true
            attributes[TracingAttribute.lockWaitDuration] = total.seconds
        }
    }

    /// Records that the current request went around `store` for `reason` (`lock-timeout`,
    /// `unreachable`, `error`), as the store's fallback counter does.
    package static func fallback(store: String, reason: String) {
        guard let current else { return }
        current.span.addEvent(
            SpanEvent(
                name: TracingAttribute.storeFallbackEvent,
                attributes: [TracingAttribute.store: .string(store), TracingAttribute.fallbackReason: .string(reason)]))
    }
}

extension Duration {
    /// The duration in seconds, as OpenTelemetry records durations.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
