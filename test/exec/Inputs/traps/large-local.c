// A local array larger than the 64 KiB shadow stack.
int printf(const char *, ...);
int main(void) {
  int a[100000];
  for (int i = 0; i < 100000; i++)
    a[i] = i;
  printf("%d\n", a[99999]);
  return 0;
}
