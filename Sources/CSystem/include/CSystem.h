// What the dossier executables ask of the C library that Swift's Glibc module does not export.
#ifndef DOSSIER_CSYSTEM_H
#define DOSSIER_CSYSTEM_H

/// One malloc arena for the whole process (glibc only; elsewhere nothing). Returns 1 when set.
int dossier_use_one_malloc_arena(void);

#endif
