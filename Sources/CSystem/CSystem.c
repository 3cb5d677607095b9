#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include "CSystem.h"

#include <errno.h>
#include <stdio.h>

#if defined(__linux__)
#include <malloc.h>
#include <fcntl.h>
#endif

void dossier_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

int dossier_exchange(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}
