// swift-tools-version:6.0
// Instruction counts of swift-box-auth's hot paths under callgrind (see ../instruction-counts.sh).
// A package of its own with only the light modules (no NIO), so that a release build of it is quick.
//
// BOX_AUTH_ROOT names the checkout to measure (default: this repository); BOX_AUTH_API=3f9b01f
// compiles the harness against that commit's API (HTTPRequest, makeProvider), for before/after counts.
import Foundation
import PackageDescription

let environment = ProcessInfo.processInfo.environment
let root = environment["BOX_AUTH_ROOT"] ?? "../.."
let oldAPI = environment["BOX_AUTH_API"] == "3f9b01f"

let package = Package(
    name: "swift-box-auth-instruction-counts",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "HotPaths", targets: ["HotPaths"]),
        .executable(name: "StartFloor", targets: ["StartFloor"]),
        .executable(name: "RefreshTiming", targets: ["RefreshTiming"]),
        // LD_PRELOADed under valgrind, so that Swift programs with an `async` main can be counted.
        .library(name: "ValgrindSigsuspend", type: .dynamic, targets: ["CValgrindSigsuspend"]),
    ],
    dependencies: [
        .package(name: "swift-box-auth", path: root),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // RUNNING_ON_VALGRIND and CALLGRIND_DUMP_STATS_AT, from valgrind's own header.
        .target(name: "CCallgrind"),
        .target(name: "CValgrindSigsuspend"),
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "BoxAuthJWT", package: "swift-box-auth"),
                .product(name: "BoxAuthClientCredentials", package: "swift-box-auth"),
                .product(name: "Logging", package: "swift-log"),
                "CCallgrind",
            ],
            swiftSettings: oldAPI ? [.define("BOX_AUTH_API_3F9B01F")] : []
        ),
        // swift-box-auth's side of ../compare-sdks.sh: a JWT refresh against a token server in another process.
        .executableTarget(
            name: "RefreshTiming",
            dependencies: [
                .product(name: "BoxAuth", package: "swift-box-auth"),
                .product(name: "BoxAuthJWT", package: "swift-box-auth"),
                .product(name: "BoxAuthURLSession", package: "swift-box-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: oldAPI ? [.define("BOX_AUTH_API_3F9B01F")] : []
        ),
        // The start floor: a Swift program that imports Foundation and prints one line.
        .executableTarget(name: "StartFloor"),
    ]
)
