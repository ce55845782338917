#include <stdio.h>

int main(void) {
  printf("pi is %f, e is %.2f\n", 3.14159265358979, 2.718281828);
  return 0;
}
