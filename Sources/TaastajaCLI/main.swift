import ArgumentParser

Taastaja.main()
