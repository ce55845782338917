// Sieve of Eratosthenes up to 8 million, several rounds.
#include <stdio.h>
#include <string.h>

#define LIMIT 8000000
static unsigned char composite[LIMIT + 1];

int main(void) {
  int count = 0;
  for (int round = 0; round < 4; round++) {
    memset(composite, 0, sizeof composite);
    count = 0;
    for (int i = 2; i <= LIMIT; i++) {
      if (composite[i]) continue;
      count++;
      if (i > LIMIT / i) continue;
      for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    }
  }
  printf("sieve %d\n", count);
  return 0;
}
