import CoreMetrics
package import Prometheus

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

    package init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.factory = PrometheusMetricsFactory(registry: registry)
    }

    /// Counts one answered request.
    package func request(route: String, status: Int, client: String, askedBox: Bool) {
        Counter(
            label: "box_auth_broker_requests_total",
            dimensions: [("route", route), ("status", String(status)), ("client", client)], factory: factory
        ).increment()
        if askedBox {
            Counter(label: "box_auth_broker_box_requests_total", dimensions: [("route", route)], factory: factory)
                .increment()
        }
    }

    /// The Prometheus text of every metric in the registry.
    package func text() -> [UInt8] { registry.emitToBuffer() }
}
