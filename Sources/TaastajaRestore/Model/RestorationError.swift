/// Why restoration could not run: its dictionary or a user lexicon is missing or malformed.
public struct RestorationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var file: String

    public init(_ message: String, file: String) {
        self.message = message
        self.file = file
    }

    public var description: String { "restore: \(message) while reading \(file)" }
}
