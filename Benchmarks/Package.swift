// swift-tools-version:6.1
// The benchmark suite: a package of its own, so that users of swift-box-auth never build it.
// Run from this folder: `swift package --disable-sandbox benchmark` (and `./cli.sh` for the CLI).
import PackageDescription

let package = Package(
    name: "swift-box-auth-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "swift-box-auth", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // For benchmark 8's client (the transport itself comes from swift-box-auth).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // For benchmarks 9 and 10: the floor of a PostgreSQL read is `SELECT 1` on the same pool.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // For benchmark 11 (BrokerLoad): the bare Hummingbird route the broker is compared with, and
        // the SwiftNIO load generator. All three are already in the graph through swift-box-auth.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // OpenSSL called directly, for the reference a bare signature is measured with.
        .systemLibrary(name: "CBenchOpenSSL", path: "Sources/CBenchOpenSSL", pkgConfig: "openssl"),
        .executableTarget(
            name: "BoxAuthBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "BoxAuthProviders", package: "swift-box-auth"),
                .product(name: "BoxAuthJWT", package: "swift-box-auth"),
                .product(name: "BoxAuthClientCredentials", package: "swift-box-auth"),
                .product(name: "BoxAuthURLSession", package: "swift-box-auth"),
                .product(name: "BoxAuthAsyncHTTPClient", package: "swift-box-auth"),
                .product(name: "BoxAuthEmulator", package: "swift-box-auth"),
                .product(name: "BoxAuthPostgres", package: "swift-box-auth"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                "CBenchOpenSSL",
            ],
            path: "Benchmarks/BoxAuthBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Starts an emulator sandbox with file-cache profiles for cli.sh; serves until it is killed.
        .executableTarget(
            name: "BenchSandbox",
            dependencies: [
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "BoxAuthEmulator", package: "swift-box-auth"),
            ],
            path: "Sources/BenchSandbox"
        ),
        // One machine of benchmark 9's fleet herd: a process asking for a token from many tasks.
        .executableTarget(
            name: "FleetMember",
            dependencies: [
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "BoxAuthProviders", package: "swift-box-auth"),
            ],
            path: "Sources/FleetMember"
        ),
        // Benchmark 11: the token broker (socket and TCP) against a bare Hummingbird route under a
        // SwiftNIO load generator, and a cold herd. `swift build -c release --product BrokerLoad`.
        .executableTarget(
            name: "BrokerLoad",
            dependencies: [
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "BoxAuthProviders", package: "swift-box-auth"),
                .product(name: "BoxAuthBroker", package: "swift-box-auth"),
                .product(name: "BoxAuthEmulator", package: "swift-box-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/BrokerLoad"
        ),
        // The floor cli.sh compares `box-auth token` with: a Foundation program that reads a file.
        .executableTarget(name: "FoundationFloor", path: "Sources/FoundationFloor"),
    ]
)
