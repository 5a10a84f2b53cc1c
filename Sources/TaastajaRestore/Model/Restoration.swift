import Foundation

/// A restored text and the words that changed or stayed unresolved.
public struct Restoration: Sendable {
    public var text: String
    public var changes: [TokenChange]
    public var tokens: Int
    /// Words restored (bullet glyphs made `•` are not counted).
    public var changed: Int { changes.filter { !$0.uncertain && !$0.isBullet }.count }
    /// Words left unresolved or restored with low confidence.
    public var uncertain: Int { changes.filter { $0.uncertain || $0.confidence < 0.5 }.count }
}
