import Foundation

/// Paths into the repository, found from this file's location so tests run from any directory.
enum Paths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures")

    static func fixture(_ relative: String) -> URL {
        fixtures.appendingPathComponent(relative)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixture(relative)))
    }
}
