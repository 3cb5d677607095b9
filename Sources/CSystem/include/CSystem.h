// What Dossier asks of the C library that Swift's Glibc module does not export.
#ifndef DOSSIER_CSYSTEM_H
#define DOSSIER_CSYSTEM_H

/// Hands memory malloc holds free back to the system (glibc's malloc_trim; elsewhere nothing).
void dossier_release_free_memory(void);

/// Tunes mimalloc where the program links it (see CSystem.c); nothing elsewhere.
void dossier_configure_allocator(void);

/// From now on, the allocator maps memory in 2 MiB pages where it can (mimalloc's large OS pages, by
/// transparent huge pages); nothing where the program does not link mimalloc.
void dossier_use_large_pages(void);

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE). -1 with errno set on failure,
/// ENOSYS where the system has no such call.
int dossier_exchange(const char *first, const char *second);

/// Asks the processor to start loading the cache line at `address` (a hint: it reads nothing, faults on
/// nothing). Corroboration's pair lookups go to tables larger than the cache: issuing a sentence's loads
/// together lets them overlap instead of waiting for each in turn.
static inline void dossier_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 0, 3);
#endif
}

#endif
