// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for swift-box-auth's parsers. A package of its own, so that building the root
// package never compiles them; build and run them with ./run.sh (see README.md).
let package = Package(
    name: "swift-box-auth-fuzz",
    dependencies: [
        .package(name: "swift-box-auth", path: ".."),
    ],
    targets: [
        // Hands each target's entry point to libFuzzer (SwiftPM renames executables' main).
        .target(name: "FuzzDriver", swiftSettings: [.enableExperimentalFeature("Extern")]),

        // profiles.json: JSONDocument.parse, ProfilesFile, then every profile through a registry of the
        // five built-in providers (not BoxAuthProviders, whose PostgreSQL store would bring SwiftNIO,
        // NIOSSL and PostgresNIO into every fuzz build).
        .executableTarget(
            name: "FuzzProfiles",
            dependencies: [
                .product(name: "BoxAuthJWT", package: "swift-box-auth"),
                .product(name: "BoxAuthClientCredentials", package: "swift-box-auth"),
                .product(name: "BoxAuthUserAccessToken", package: "swift-box-auth"),
                .product(name: "BoxAuthDeveloperToken", package: "swift-box-auth"),
                .product(name: "BoxAuthOAuth2", package: "swift-box-auth"),
                "FuzzDriver",
            ]
        ),
        // A Box config.json: BoxAppConfig and loadPrivateKey().
        .executableTarget(
            name: "FuzzAppConfig",
            dependencies: [.product(name: "BoxAuth", package: "swift-box-auth"), "FuzzDriver"]
        ),
        // PEM private keys: RSAPrivateKey(pem:passphrase:) with and without a passphrase.
        .executableTarget(
            name: "FuzzPrivateKey",
            dependencies: [.product(name: "BoxAuth", package: "swift-box-auth"), "FuzzDriver"]
        ),
        // The profiles locator and the trust check: ProfilesFile.find and load(_:trusting:) against a
        // trusted-profiles list (input: the list, a NUL byte, the profiles file).
        .executableTarget(
            name: "FuzzTrust",
            dependencies: [.product(name: "BoxAuth", package: "swift-box-auth"), "FuzzDriver"]
        ),
        // Token endpoint answers: TokenEndpoint over a transport that returns the input.
        .executableTarget(
            name: "FuzzTokenResponse",
            dependencies: [.product(name: "BoxAuth", package: "swift-box-auth"), "FuzzDriver"]
        ),
    ]
)
