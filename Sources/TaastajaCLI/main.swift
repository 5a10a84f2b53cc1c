import ArgumentParser

import TaastajaExtract

// The arguments' bytes kept as they are: a file name in Latin-1 is still that file (see FilePath).
Taastaja.main(FilePath.arguments)
