// swift-tools-version:6.0
import PackageDescription

// A separate package so that swift-box-auth's core never depends on async-http-client:
// apps that already run an HTTPClient (Vapor, Hummingbird) plug it in as the token transport.
let package = Package(
    name: "BoxAuthAsyncHTTPClient",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "BoxAuthAsyncHTTPClient", targets: ["BoxAuthAsyncHTTPClient"]),
    ],
    dependencies: [
        .package(name: "swift-box-auth", path: "../.."),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(
            name: "BoxAuthAsyncHTTPClient",
            dependencies: [
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "BoxAuthAsyncHTTPClientTests",
            dependencies: [
                "BoxAuthAsyncHTTPClient",
                .product(name: "BoxAuthProviders", package: "swift-box-auth"),
                .product(name: "BoxAuthEmulator", package: "swift-box-auth"),
            ]
        ),
    ]
)
