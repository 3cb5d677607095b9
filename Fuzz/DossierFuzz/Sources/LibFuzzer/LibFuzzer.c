// Nothing to compile: the driver is in libclang_rt.fuzzer, linked by `-sanitize=fuzzer`; this target carries the header.
#include "LibFuzzer.h"
