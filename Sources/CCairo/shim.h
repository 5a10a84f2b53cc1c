// Found at run time like tesseract (see CTesseract/shim.h): the header only lends its types.
#include <cairo/cairo.h>

#define TAASTAJA_FUNCTION(name) typedef __typeof__(name) *name##_function;
TAASTAJA_FUNCTION(cairo_image_surface_create)
TAASTAJA_FUNCTION(cairo_image_surface_get_data)
TAASTAJA_FUNCTION(cairo_image_surface_get_stride)
TAASTAJA_FUNCTION(cairo_surface_status)
TAASTAJA_FUNCTION(cairo_surface_flush)
TAASTAJA_FUNCTION(cairo_surface_destroy)
TAASTAJA_FUNCTION(cairo_create)
TAASTAJA_FUNCTION(cairo_destroy)
TAASTAJA_FUNCTION(cairo_status)
TAASTAJA_FUNCTION(cairo_set_source_rgb)
TAASTAJA_FUNCTION(cairo_scale)
TAASTAJA_FUNCTION(cairo_paint)
#undef TAASTAJA_FUNCTION
