// Shim so the module map does not hard-code where Debian puts cmark.h.
#include <cmark.h>
#include <stdlib.h>
