// _start for programs built by clang in the differential tests (no wasi-libc here): calls
// main() and exits with its status, as minicc's generated _start does.
int main(void);
void __minicc_proc_exit(int code)
    __attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")));
void _start(void) { __minicc_proc_exit(main()); }
