// Part of test/exec/multi-file.test (see unprototyped-call.c).
#include <stdio.h>
void shout(long long n) { printf("shout %lld\n", n); }
double half(double x) { return x / 2; }
