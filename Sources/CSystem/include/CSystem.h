// What Dossier asks of the C library that Swift's Glibc module does not export.
#ifndef DOSSIER_CSYSTEM_H
#define DOSSIER_CSYSTEM_H

/// Hands memory malloc holds free back to the system (glibc's malloc_trim; elsewhere nothing).
void dossier_release_free_memory(void);

#endif
