import Benchmark

/// Every benchmark of swift-box-auth; numbers and targets are in Benchmarks/README.md.
let benchmarks: @Sendable () -> Void = {
    AssertionBenchmarks.register()
    KeyLoadBenchmarks.register()
    CachedTokenBenchmarks.register()
    ColdTokenBenchmarks.register()
    HerdBenchmarks.register()
    EmulatorThroughputBenchmarks.register()
    TransportBenchmarks.register()
    TransportBenchmarks.registerClientCredentials()
    FleetHerdBenchmarks.register()
    TierReadBenchmarks.register()
}
