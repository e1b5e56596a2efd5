// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-box-auth",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "BoxAuth", targets: ["BoxAuth"]),
        .library(name: "BoxAuthJWT", targets: ["BoxAuthJWT"]),
        .library(name: "BoxAuthClientCredentials", targets: ["BoxAuthClientCredentials"]),
        .library(name: "BoxAuthUserAccessToken", targets: ["BoxAuthUserAccessToken"]),
        .library(name: "BoxAuthDeveloperToken", targets: ["BoxAuthDeveloperToken"]),
        .library(name: "BoxAuthOAuth2", targets: ["BoxAuthOAuth2"]),
        .library(name: "BoxAuthBrokerClient", targets: ["BoxAuthBrokerClient"]),
        .library(name: "BoxAuthSignIn", targets: ["BoxAuthSignIn"]),
        .library(name: "BoxAuthProviders", targets: ["BoxAuthProviders"]),
        .library(name: "BoxAuthPostgres", targets: ["BoxAuthPostgres"]),
        .library(name: "BoxAuthKeyring", targets: ["BoxAuthKeyring"]),
        .library(name: "BoxAuthURLSession", targets: ["BoxAuthURLSession"]),
        .library(name: "BoxAuthAsyncHTTPClient", targets: ["BoxAuthAsyncHTTPClient"]),
        .library(name: "BoxAuthOpenAPI", targets: ["BoxAuthOpenAPI"]),
        .library(name: "BoxAuthBroker", targets: ["BoxAuthBroker"]),
        .library(name: "BoxAuthEmulator", targets: ["BoxAuthEmulator"]),
        .library(name: "BoxAuthTesting", targets: ["BoxAuthTesting"]),
        .executable(name: "box-auth", targets: ["box-auth"]),
        .plugin(name: "BoxAuthValidate", targets: ["BoxAuthValidate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already in the graph through Hummingbird; named here because the emulator adds a channel
        // handler (its Date header) and closes connections on purpose (fault injection).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        // The transport for apps that already run on SwiftNIO (BoxAuthAsyncHTTPClient only).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Generated API clients' middleware (BoxAuthOpenAPI only): light, on swift-http-types alone.
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // The shared token store (BoxAuthPostgres only) and the store's counters and timers.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // The token broker's `GET /metrics` (BoxAuthBroker only): swift-metrics' Prometheus backend.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Spans for token requests (the core): light, and already in the graph through Hummingbird.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        // System OpenSSL 3: key loading, signing, verifying and secure random bytes.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),

        // System libcurl: HTTP over the token broker's Unix socket (BoxAuthBrokerClient only).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),

        // The core: protocol, registry, profiles, tokens, transport, keys and JWTs.
        .target(
            name: "BoxAuth",
            dependencies: [
                "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),

        // Built-in providers, one target each.
        .target(name: "BoxAuthJWT", dependencies: ["BoxAuth"]),
        .target(name: "BoxAuthClientCredentials", dependencies: ["BoxAuth"]),
        .target(
            name: "BoxAuthUserAccessToken",
            dependencies: ["BoxAuth", "BoxAuthJWT", "BoxAuthClientCredentials"]
        ),
        .target(name: "BoxAuthDeveloperToken", dependencies: ["BoxAuth"]),
        .target(
            name: "BoxAuthOAuth2",
            dependencies: [
                "BoxAuth", .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // The client of the local token broker (`box-auth serve`): the `broker` provider kind, over
        // the broker's Unix socket (libcurl) or its loopback TCP listener (the profile's transport).
        .target(name: "BoxAuthBrokerClient", dependencies: ["BoxAuth", "BoxAuthCurl"]),
        // HTTP with libcurl's easy API (package only): the broker's Unix socket, and on Linux the
        // URLSession transport's proxied requests (FoundationNetworking ignores
        // connectionProxyDictionary and reads proxies from the process's environment).
        .target(name: "BoxAuthCurl", dependencies: ["BoxAuth", "CCurl"]),
        // The interactive sign-in beside it: a loopback listener (Hummingbird), the browser or a
        // pasted address, the code exchange. Apart, so that BoxAuthOAuth2 stays light.
        .target(
            name: "BoxAuthSignIn",
            dependencies: [
                "BoxAuth", "BoxAuthOAuth2",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // HTTP transports, one target each. URLSession (libcurl and the system OpenSSL on Linux) is
        // the standard registry's default; async-http-client is for apps already on SwiftNIO.
        .target(
            name: "BoxAuthURLSession",
            dependencies: ["BoxAuth", .target(name: "BoxAuthCurl", condition: .when(platforms: [.linux]))]
        ),
        .target(
            name: "BoxAuthAsyncHTTPClient",
            dependencies: [
                "BoxAuth",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // The middleware for clients generated by swift-openapi-generator: tokens, As-User, the 401
        // retry and Box's upload host. Light: no HTTP client, NIO or server.
        .target(
            name: "BoxAuthOpenAPI",
            dependencies: [
                "BoxAuth",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Token stores beyond memory and file, one target each: PostgreSQL shares tokens across machines.
        .target(
            name: "BoxAuthPostgres",
            dependencies: [
                "BoxAuth",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),

        // The OS keyring (`"cache": "keyring"`): the macOS Keychain, or the Secret Service through
        // secret-tool on Linux. No package beyond the core.
        .target(
            name: "BoxAuthKeyring",
            dependencies: ["BoxAuth", .product(name: "Logging", package: "swift-log")]
        ),

        // The standard registry: every built-in provider and the default transport in one line.
        // Light: no database driver, server or second HTTP client (BoxAuthPostgres is the app's choice).
        .target(
            name: "BoxAuthProviders",
            dependencies: [
                "BoxAuth", "BoxAuthJWT", "BoxAuthClientCredentials",
                "BoxAuthUserAccessToken", "BoxAuthDeveloperToken", "BoxAuthOAuth2", "BoxAuthBrokerClient",
                "BoxAuthURLSession",
            ]
        ),

        // The token broker (`box-auth serve`): a local endpoint that hands tokens to other processes
        // over a Unix socket or loopback TCP, embeddable as a Service.
        .target(
            name: "BoxAuthBroker",
            dependencies: [
                "BoxAuth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),

        // A local Box token endpoint for tests, the demo and offline development.
        .target(
            name: "BoxAuthEmulator",
            dependencies: [
                "BoxAuth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),

        // Conformance checks that custom providers and stores run in their own tests (any framework).
        .target(
            name: "BoxAuthTesting",
            dependencies: ["BoxAuth", .product(name: "Logging", package: "swift-log")]
        ),

        // The command-line tool.
        .executableTarget(
            name: "box-auth",
            dependencies: [
                "BoxAuth", "BoxAuthProviders", "BoxAuthOAuth2", "BoxAuthSignIn", "BoxAuthURLSession", "BoxAuthEmulator",
                "BoxAuthPostgres", "BoxAuthKeyring", "BoxAuthBroker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // `swift package box-auth-validate`: checks profiles.json with the CLI's validator.
        .plugin(
            name: "BoxAuthValidate",
            capability: .command(
                intent: .custom(
                    verb: "box-auth-validate", description: "Validate profiles.json offline (providers, files, keys)."),
                permissions: []
            ),
            dependencies: ["box-auth"]
        ),

        // Examples: a custom provider added as its own target, and a program that uses it.
        .target(
            name: "BoxAuthCommandProvider",
            dependencies: ["BoxAuth"],
            path: "Examples/CommandProvider/Sources/BoxAuthCommandProvider"
        ),
        .testTarget(
            name: "BoxAuthCommandProviderTests",
            dependencies: ["BoxAuthCommandProvider", "BoxAuthProviders", "BoxAuthTesting"],
            path: "Examples/CommandProvider/Tests/BoxAuthCommandProviderTests"
        ),

        .executableTarget(
            name: "WhoAmI",
            dependencies: [
                "BoxAuthProviders", "BoxAuthCommandProvider", "BoxAuthEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/WhoAmI"
        ),
        // A client generated by swift-openapi-generator (the generated code is committed; see
        // Examples/OpenAPIClient/regenerate.sh) calling the emulator through BoxAuthOpenAPI.
        .executableTarget(
            name: "OpenAPIClient",
            dependencies: [
                "BoxAuthProviders", "BoxAuthOpenAPI", "BoxAuthEmulator",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Examples/OpenAPIClient/Sources/OpenAPIClient"
        ),
        .testTarget(
            name: "ExamplesTests",
            dependencies: [
                "WhoAmI", "OpenAPIClient", "box-auth", "BoxAuth", "BoxAuthEmulator", "BoxAuthTestSupport",
            ]
        ),

        // The light test kit (tests only): committed keys, fixtures, temporary folders, log capture and
        // the one set of test doubles, on the core alone. It re-exports the conformance product.
        .target(
            name: "BoxAuthTestKit",
            dependencies: [
                "BoxAuth", "BoxAuthTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            path: "Tests/BoxAuthTestKit",
            resources: [.copy("Fixtures")]
        ),

        // The heavy test support (tests only): the emulator fixture, child processes, the browser,
        // the database, loopback ports. It re-exports the light kit.
        .target(
            name: "BoxAuthTestSupport",
            dependencies: [
                "BoxAuth", "BoxAuthTestKit", "BoxAuthEmulator", "BoxAuthProviders", "BoxAuthAsyncHTTPClient",
                "BoxAuthPostgres", "BoxAuthJWT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/BoxAuthTestSupport"
        ),

        // The conformance checks themselves, fed correct and deliberately flawed stores.
        .testTarget(
            name: "BoxAuthTestingTests",
            dependencies: ["BoxAuth", "BoxAuthTesting", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "BoxAuthTests",
            dependencies: [
                "BoxAuth", "BoxAuthTestKit", .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "BoxAuthProvidersTests",
            dependencies: [
                "BoxAuth", "BoxAuthProviders", "BoxAuthJWT", "BoxAuthClientCredentials",
                "BoxAuthUserAccessToken", "BoxAuthDeveloperToken", "BoxAuthURLSession", "BoxAuthEmulator",
                "BoxAuthTestSupport",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "BoxAuthOAuth2Tests",
            dependencies: ["BoxAuthOAuth2", "BoxAuth", "BoxAuthProviders", "BoxAuthEmulator", "BoxAuthTestSupport"]
        ),
        .testTarget(
            name: "BoxAuthSignInTests",
            dependencies: [
                "BoxAuthSignIn", "BoxAuthOAuth2", "BoxAuth", "BoxAuthProviders", "BoxAuthURLSession", "BoxAuthEmulator",
                "BoxAuthTestSupport",
            ]
        ),
        .testTarget(
            name: "BoxAuthEmulatorTests",
            dependencies: [
                "BoxAuth", "BoxAuthEmulator", "BoxAuthProviders", "BoxAuthURLSession", "BoxAuthJWT", "BoxAuthTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BoxAuthCLITests",
            dependencies: [
                "box-auth", "BoxAuth", "BoxAuthURLSession", "BoxAuthEmulator", "BoxAuthTestSupport", "BoxAuthPostgres",
            ]
        ),
        .testTarget(
            name: "BoxAuthKeyringTests",
            dependencies: [
                "BoxAuth", "BoxAuthKeyring", "BoxAuthProviders", "BoxAuthTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "BoxAuthPostgresTests",
            dependencies: [
                "BoxAuthPostgres", "BoxAuth", "BoxAuthProviders", "BoxAuthOAuth2", "BoxAuthEmulator",
                "BoxAuthTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "BoxAuthBrokerTests",
            dependencies: [
                "BoxAuthBroker", "BoxAuth", "BoxAuthProviders", "BoxAuthEmulator", "BoxAuthTestSupport",
                "BoxAuthPostgres",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "BoxAuthBrokerClientTests",
            dependencies: [
                "BoxAuthBrokerClient", "BoxAuth", "BoxAuthProviders", "BoxAuthTestSupport",
                // The Unix socket tests serve a broker stand-in.
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "BoxAuthURLSessionTests",
            dependencies: [
                "BoxAuthURLSession", "BoxAuth", "BoxAuthEmulator", "BoxAuthTestSupport",
                // BrowserDriverTests serves its own page.
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "BoxAuthOpenAPITests",
            dependencies: [
                "BoxAuthOpenAPI", "BoxAuth", "BoxAuthProviders", "BoxAuthEmulator", "BoxAuthTestSupport",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BoxAuthAsyncHTTPClientTests",
            dependencies: [
                "BoxAuthAsyncHTTPClient", "BoxAuth", "BoxAuthProviders", "BoxAuthOAuth2", "BoxAuthSignIn", "BoxAuthEmulator",
                "BoxAuthTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)

// One set of compiler settings for every Swift target (Swift 6 language mode comes with the tools
// version): `any` spelled out, imports internal unless a file says `public import` (so that
// COpenSSL, Logging or Metrics do not leak to clients through this package's modules), and a
// member usable only where its module is imported.
for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
