// libFuzzer's driver, for targets with their own entry point (SwiftPM links an executable's `main` under its own name,
// so libFuzzer's `main`, which calls LLVMFuzzerTestOneInput, is never linked in).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *data, size_t size));
