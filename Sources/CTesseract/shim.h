// The binary finds tesseract at run time (see SharedLibrary.swift), so that a run over text never loads it.
// Hence no pkg-config here: it would link the library. The header only lends its types.
#include <tesseract/capi.h>

// The type of a pointer to each function called, taken from its declaration so that the header checks it.
#define TAASTAJA_FUNCTION(name) typedef __typeof__(name) *name##_function;
TAASTAJA_FUNCTION(TessVersion)
TAASTAJA_FUNCTION(TessBaseAPICreate)
TAASTAJA_FUNCTION(TessBaseAPIDelete)
TAASTAJA_FUNCTION(TessBaseAPIInit2)
TAASTAJA_FUNCTION(TessBaseAPIInit3)
TAASTAJA_FUNCTION(TessBaseAPIEnd)
TAASTAJA_FUNCTION(TessBaseAPISetVariable)
TAASTAJA_FUNCTION(TessBaseAPIGetAvailableLanguagesAsVector)
TAASTAJA_FUNCTION(TessDeleteTextArray)
TAASTAJA_FUNCTION(TessDeleteText)
TAASTAJA_FUNCTION(TessBaseAPISetImage2)
TAASTAJA_FUNCTION(TessBaseAPISetSourceResolution)
TAASTAJA_FUNCTION(TessBaseAPIClear)
TAASTAJA_FUNCTION(TessMonitorCreate)
TAASTAJA_FUNCTION(TessMonitorDelete)
TAASTAJA_FUNCTION(TessMonitorSetDeadlineMSecs)
TAASTAJA_FUNCTION(TessBaseAPIRecognize)
TAASTAJA_FUNCTION(TessBaseAPIGetIterator)
TAASTAJA_FUNCTION(TessBaseAPIMeanTextConf)
TAASTAJA_FUNCTION(TessResultIteratorDelete)
TAASTAJA_FUNCTION(TessResultIteratorGetPageIterator)
TAASTAJA_FUNCTION(TessResultIteratorGetUTF8Text)
TAASTAJA_FUNCTION(TessResultIteratorConfidence)
TAASTAJA_FUNCTION(TessResultIteratorNext)
TAASTAJA_FUNCTION(TessPageIteratorBoundingBox)
TAASTAJA_FUNCTION(TessPageIteratorIsAtBeginningOf)
#undef TAASTAJA_FUNCTION
