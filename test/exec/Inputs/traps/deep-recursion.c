// Each call takes a 48-byte shadow-stack frame (the array's address escapes): the stack
// overflows long before the recursion ends.
int printf(const char *, ...);
int depth(int n) {
  volatile int a[10];
  a[n % 10] = n;
  return n ? depth(n - 1) + a[n % 10] : 0;
}
int main(void) {
  printf("start\n");
  return depth(100000);
}
