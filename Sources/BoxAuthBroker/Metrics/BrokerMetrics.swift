import CoreMetrics
package import Prometheus
import Synchronization

/// The broker's counters, in a Prometheus registry that `GET /metrics` renders: requests by route,
/// status and client, and how many of them made Box be asked.
///
/// The core's token metrics (token requests, cache hits, lock waits) appear there too when the
/// process's metrics system is bootstrapped with a `PrometheusMetricsFactory` on the same registry,
/// as `box-auth serve` does.
package struct BrokerMetrics: Sendable {
    /// The registry `GET /metrics` renders.
    package let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// The counters made so far, by their labels: made once, then only incremented.
    private let counters: Counters

    private final class Counters: Sendable {
        let made = Mutex<[[String]: CoreMetrics.Counter]>([:])
    }

    package init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.factory = PrometheusMetricsFactory(registry: registry)
        self.counters = Counters()
    }

    /// Counts one answered request.
    package func request(route: String, status: Int, client: String, askedBox: Bool) {
        counter("box_auth_broker_requests_total", [("route", route), ("status", String(status)), ("client", client)])
            .increment()
        if askedBox { counter("box_auth_broker_box_requests_total", [("route", route)]).increment() }
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        let key = [label] + dimensions.map(\.1)
        if let known = counters.made.withLock({ $0[key] }) { return known }
        let made = CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
        return counters.made.withLock { counters in
            if let known = counters[key] { return known }
            counters[key] = made
            return made
        }
    }

    /// The Prometheus text of every metric in the registry.
    package func text() -> [UInt8] { registry.emitToBuffer() }
}
