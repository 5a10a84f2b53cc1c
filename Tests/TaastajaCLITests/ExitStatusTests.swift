import Foundation
@testable import TaastajaCLI
import TaastajaExtract
import Testing

@Suite("exit statuses")
struct ExitStatusTests {
    /// The README's table lists exactly the code's table, in its words.
    @Test func theReadmeTableIsTheCodesTable() throws {
        let readme = try String(contentsOf: BinaryRunner.root.appendingPathComponent("README.md"), encoding: .utf8)
        var rows: [Int32: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count == 2, let code = Int32(cells[0]) { rows[code] = cells[1] }
        }
        #expect(rows.count == ExitStatus.allCases.count)
        for status in ExitStatus.allCases {
            #expect(rows[status.rawValue] == status.meaning, "\(status)")
        }
    }

    /// Every extraction failure has its entry (the table would stop the process on one that had none).
    @Test func everyExtractionFailureIsInTheTable() {
        for kind in ExtractionError.Kind.allCases {
            #expect(ExitStatus(rawValue: kind.exitCode) != nil, "\(kind)")
        }
    }
}
