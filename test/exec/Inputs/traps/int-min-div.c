int main(void) {
  volatile int a = -2147483647 - 1, b = -1;
  return a / b;
}
