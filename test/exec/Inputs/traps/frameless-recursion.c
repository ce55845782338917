// Recursion without a shadow-stack frame exhausts the interpreter's call stack.
int down(int n) { return n ? down(n - 1) + 1 : 0; }
int main(void) { return down(100000000); }
