// libtesseract's OpenMP threads make a page 3–5× slower on small machines, and OpenMP reads its
// thread limit only at process start, so the binary re-executes itself once with the limit set.
OpenMPThreadLimit.ensureSingleThreaded()
Taastaja.main()
