// swift-tools-version:6.0
import PackageDescription

// An app that wants JWT (or any built-in) tokens and nothing more: it depends on BoxAuthProviders
// alone, so its build graph holds no database driver, no server and no second HTTP client.
// `./check-build-graph.sh` builds it and fails if one of them was built.
let package = Package(
    name: "LightApp",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "swift-box-auth", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "LightApp",
            dependencies: [.product(name: "BoxAuthProviders", package: "swift-box-auth")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        )
    ]
)
