// Found at run time like tesseract (see CTesseract/shim.h): the header only lends its types.
#include <leptonica/allheaders.h>

#define TAASTAJA_FUNCTION(name) typedef __typeof__(name) *name##_function;
TAASTAJA_FUNCTION(getLeptonicaVersion)
TAASTAJA_FUNCTION(lept_free)
TAASTAJA_FUNCTION(setMsgSeverity)
TAASTAJA_FUNCTION(leptSetStderrHandler)
TAASTAJA_FUNCTION(pixDestroy)
TAASTAJA_FUNCTION(pixGetWidth)
TAASTAJA_FUNCTION(pixGetHeight)
TAASTAJA_FUNCTION(pixGetDepth)
TAASTAJA_FUNCTION(pixGetXRes)
TAASTAJA_FUNCTION(pixGetWpl)
TAASTAJA_FUNCTION(pixGetData)
TAASTAJA_FUNCTION(pixSetResolution)
TAASTAJA_FUNCTION(pixCreateNoInit)
TAASTAJA_FUNCTION(pixReadMem)
TAASTAJA_FUNCTION(pixReadMemTiff)
#undef TAASTAJA_FUNCTION
