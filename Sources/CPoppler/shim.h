// Found at run time like tesseract (see CTesseract/shim.h). Unlike the others, poppler.h cannot be included
// without glib's include paths, which only pkg-config knows (one of them is per architecture), and pkg-config
// would link the libraries. So the few declarations used are copied here from poppler-glib 22.12 and
// glib 2.74 (their ABI has been stable for over a decade).
#include <stdint.h>
#include <cairo/cairo.h>

typedef struct _PopplerDocument PopplerDocument;
typedef struct _PopplerPage PopplerPage;
typedef struct _GList GList;
typedef uint32_t GQuark;

typedef struct _GError {
    GQuark domain;
    int code;
    char *message;
} GError;

typedef struct _PopplerRectangle {
    double x1;
    double y1;
    double x2;
    double y2;
} PopplerRectangle;

typedef enum {
    POPPLER_ERROR_INVALID,
    POPPLER_ERROR_ENCRYPTED,
    POPPLER_ERROR_OPEN_FILE,
    POPPLER_ERROR_BAD_CATALOG,
    POPPLER_ERROR_DAMAGED
} PopplerError;

typedef const char *(*poppler_get_version_function)(void);
typedef GQuark (*poppler_error_quark_function)(void);
typedef PopplerDocument *(*poppler_document_new_from_file_function)(const char *uri, const char *password,
                                                                    GError **error);
typedef int (*poppler_document_get_n_pages_function)(PopplerDocument *document);
typedef PopplerPage *(*poppler_document_get_page_function)(PopplerDocument *document, int index);
typedef char *(*poppler_page_get_text_function)(PopplerPage *page);
typedef int (*poppler_page_get_text_layout_function)(PopplerPage *page, PopplerRectangle **rectangles,
                                                     unsigned int *n_rectangles);
typedef GList *(*poppler_page_get_image_mapping_function)(PopplerPage *page);
typedef void (*poppler_page_free_image_mapping_function)(GList *list);
typedef void (*poppler_page_get_size_function)(PopplerPage *page, double *width, double *height);
typedef void (*poppler_page_render_for_printing_function)(PopplerPage *page, cairo_t *cairo);

typedef char *(*g_filename_to_uri_function)(const char *filename, const char *hostname, GError **error);
typedef void (*g_free_function)(void *memory);
typedef void (*g_error_free_function)(GError *error);
typedef void (*g_object_unref_function)(void *object);
