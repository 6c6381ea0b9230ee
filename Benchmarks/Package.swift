// swift-tools-version: 6.1
// The benchmarks: their own package, so that the root's `swift build` and `swift test` never
// compile them (nor ordo-one/benchmark). Run from this folder: `swift package benchmark`
// (docs/benchmarks.md).
import PackageDescription

let package = Package(
    name: "socplan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "socplan", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SOCPlanBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SOCPlanCore", package: "socplan"),
                .product(name: "SOCPlanStore", package: "socplan"),
                .product(name: "SOCPlanIO", package: "socplan"),
            ],
            path: "Benchmarks/SOCPlanBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
