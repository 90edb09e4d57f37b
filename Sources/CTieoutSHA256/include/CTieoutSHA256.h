#ifndef TIEOUT_CTIEOUTSHA256_H
#define TIEOUT_CTIEOUTSHA256_H
#include <stddef.h>
#include <stdint.h>

/// Runs SHA-256's compression over `blocks` 64-byte blocks with the CPU's SHA
/// instructions (x86 SHA-NI), updating `state` (a, b, … h). Returns 1 when it
/// did; 0, touching nothing, when this CPU or build has no such instructions
/// (the caller then uses its portable code).
int tieout_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
