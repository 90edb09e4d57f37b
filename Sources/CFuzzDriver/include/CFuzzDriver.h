#ifndef TIEOUT_CFUZZDRIVER_H
#define TIEOUT_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs that keep their own main (SwiftPM
/// renames `main`, so the fuzz executables call this themselves). Linked with
/// -sanitize=fuzzer it is libFuzzer's; otherwise a weak fallback replays the
/// files named on the command line once each, so the targets build and run
/// as plain regression checks.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
