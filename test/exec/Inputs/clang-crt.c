// _start for programs built by clang in the differential tests (no wasi-libc here): calls
// main() and exit() with its status (the stdlib's exit flushes stdio), as minicc's generated
// _start does.
int main(void);
void exit(int status);
void _start(void) { exit(main()); }
