// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "socplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "socplan", targets: ["socplan"]),
        // The libraries, for Benchmarks/ (its own package, which depends on this one by path).
        .library(name: "SOCPlanCore", targets: ["SOCPlanCore"]),
        .library(name: "SOCPlanStore", targets: ["SOCPlanStore"]),
        .library(name: "SOCPlanIO", targets: ["SOCPlanIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "SOCPlanCore"),
        .target(
            name: "SOCPlanStore",
            dependencies: [
                "SOCPlanCore", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C interface GRDB is built on, for the import's batched inserts.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "SOCPlanIO",
            dependencies: [
                "SOCPlanCore", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "socplan",
            dependencies: [
                "SOCPlanCore", "SOCPlanStore", "SOCPlanIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SOCPlanCoreTests",
            dependencies: ["SOCPlanCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "SOCPlanStoreTests",
            dependencies: [
                "SOCPlanStore", "SOCPlanIO", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SOCPlanIOTests",
            dependencies: ["SOCPlanIO", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "SOCPlanCLITests", dependencies: ["SOCPlanCore"]),
    ],
    swiftLanguageModes: [.v6]
)
