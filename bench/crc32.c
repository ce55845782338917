// CRC-32 (IEEE, table-driven) over a pseudo-random buffer, many passes.
#include <stdint.h>
#include <stdio.h>

static uint32_t table[256];
static uint8_t buf[1 << 16];

int main(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  uint32_t x = 12345;
  for (unsigned i = 0; i < sizeof buf; i++) {
    x = x * 1103515245u + 12345u;
    buf[i] = (uint8_t)(x >> 16);
  }
  uint32_t total = 0;
  for (int pass = 0; pass < 1600; pass++) {
    uint32_t crc = 0xFFFFFFFFu ^ (uint32_t)pass;
    for (unsigned i = 0; i < sizeof buf; i++) crc = table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
    total = total * 31u + crc;
  }
  printf("crc32 %08x\n", total);
  return 0;
}
