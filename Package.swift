// swift-tools-version:6.0
import PackageDescription

// Pipeline stages are separate modules; dependencies point one way:
// extract → restore → segment → ingest → CLI.
let package = Package(
    name: "Taastaja",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "taastaja", targets: ["TaastajaCLI"]),
        .library(name: "TaastajaExtract", targets: ["TaastajaExtract"]),
        .library(name: "TaastajaRestore", targets: ["TaastajaRestore"]),
        .library(name: "TaastajaSegment", targets: ["TaastajaSegment"]),
        .library(name: "TaastajaIngest", targets: ["TaastajaIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // Thin system-library targets, one per C library. Extraction's libraries are opened at run time (see
        // SharedLibrary.swift), so their targets only lend header types and link nothing: no pkg-config.
        .systemLibrary(
            name: "CTesseract",
            providers: [.apt(["libtesseract-dev"])]),
        .systemLibrary(
            name: "CLeptonica",
            providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(
            name: "CPoppler",
            providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCairo",
            providers: [.apt(["libcairo2-dev"])]),

        .target(
            name: "TaastajaExtract",
            dependencies: [
                "CTesseract", "CLeptonica", "CPoppler", "CCairo",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "TaastajaRestore",
            dependencies: [
                "TaastajaExtract", "CZlib",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "TaastajaSegment",
            dependencies: ["TaastajaExtract", "TaastajaRestore"]),
        .target(
            name: "TaastajaIngest",
            dependencies: [
                "TaastajaExtract", "TaastajaRestore", "TaastajaSegment",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "TaastajaCLI",
            dependencies: [
                "TaastajaExtract", "TaastajaRestore", "TaastajaSegment", "TaastajaIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The release binary carries the Swift runtime and Foundation: it runs on a machine without Swift,
            // and starts without resolving some ten thousand symbols across a dozen shared libraries (over a quarter of
            // a one-word restore's start-up).
            swiftSettings: [.unsafeFlags(["-use-static-resource-dir"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]),

        .testTarget(
            name: "TaastajaExtractTests",
            dependencies: ["TaastajaExtract"]),
        .testTarget(
            name: "TaastajaRestoreTests",
            dependencies: ["TaastajaRestore"]),
        .testTarget(
            name: "TaastajaSegmentTests",
            dependencies: ["TaastajaSegment"]),
        .testTarget(
            name: "TaastajaCLITests",
            dependencies: ["TaastajaCLI", "TaastajaIngest", "TaastajaExtract"]),
    ],
    swiftLanguageModes: [.v6]
)
