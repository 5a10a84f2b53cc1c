import ArgumentParser

import TaastajaExtract

// The C libraries' own lines go to a drain, not to the user's terminal (see LibraryOutput).
LibraryOutput.captureWhenLibrariesLoad()
// The arguments' bytes kept as they are: a file name in Latin-1 is still that file (see FilePath).
Taastaja.main(FilePath.arguments)
