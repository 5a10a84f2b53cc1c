import ArgumentParser

/// `--pages 1-3,7`: page numbers from 1.
struct PageSelection: ExpressibleByArgument {
    var numbers: Set<Int>

    init?(argument: String) {
        var numbers = Set<Int>()
        for part in argument.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard let page = bounds[0], page >= 1 else { return nil }
                numbers.insert(page)
            case 2:
                guard let first = bounds[0], let last = bounds[1], first >= 1, first <= last, last - first < 100_000
                else { return nil }
                numbers.formUnion(first...last)
            default:
                return nil
            }
        }
        guard !numbers.isEmpty else { return nil }
        self.numbers = numbers
    }
}
