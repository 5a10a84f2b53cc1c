import Foundation

/// One word the restorer changed or could not resolve.
public struct TokenChange: Codable, Sendable, Equatable {
    public var original: String
    public var restored: String
    /// Share of the candidates' probability held by the chosen word, 0–1.
    public var confidence: Double
    /// Offset and length in the input, in Unicode scalars.
    public var offset: Int
    public var length: Int
    public var uncertain: Bool

    /// A bullet glyph made `•`, as opposed to a restored word.
    public var isBullet: Bool { restored == "•" || (restored.hasPrefix("• ") && !original.hasPrefix("•")) && original.count == 1 }
}
