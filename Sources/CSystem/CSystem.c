#include "CSystem.h"

#if defined(__linux__)
#include <malloc.h>
#endif

void dossier_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
