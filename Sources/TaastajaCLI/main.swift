import ArgumentParser

// libtesseract's OpenMP threads make a page 3–5× slower on small machines, and OpenMP reads its thread limit
// only at process start, so a command that may run OCR re-executes the binary once with the limit set. One that
// only reads text (restoring or evaluating a text file, searching the archive, help) is spared a second start-up.
// The same as `Taastaja.main()`, with the re-execution between parsing and running.
let command: ParsableCommand
do {
    command = try Taastaja.parseAsRoot()
} catch {
    Taastaja.exit(withError: error)
}
if (command as? MayRunOCR)?.mayRunOCR ?? false {
    OpenMPThreadLimit.ensureSingleThreaded()
}
do {
    var command = command
    try command.run()
} catch {
    Taastaja.exit(withError: error)
}
