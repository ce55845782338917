/* Raw wasi_snapshot_preview1 imports for the Wasm-only tests: the arguments exactly as the ABI
   has them (i32 addresses, explicit path lengths), so that the tests can pass what wasi-libc
   never would: embedded NULs, out-of-bounds pointers, odd rights. */
#pragma once
#include <stdint.h>
#include <stdio.h>

#define RAW(name)                                                                   \
  __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name))) extern
RAW(path_open) int32_t raw_path_open(int32_t fd, int32_t dirflags, const char* path,
                                     int32_t path_len, int32_t oflags, int64_t rights_base,
                                     int64_t rights_inheriting, int32_t fdflags, int32_t* fd_out);
RAW(path_create_directory) int32_t raw_path_create_directory(int32_t fd, const char* path,
                                                             int32_t path_len);
RAW(path_remove_directory) int32_t raw_path_remove_directory(int32_t fd, const char* path,
                                                             int32_t path_len);
RAW(path_unlink_file) int32_t raw_path_unlink_file(int32_t fd, const char* path,
                                                   int32_t path_len);
RAW(path_rename) int32_t raw_path_rename(int32_t fd, const char* old, int32_t old_len,
                                         int32_t new_fd, const char* new_path, int32_t new_len);
RAW(path_link) int32_t raw_path_link(int32_t old_fd, int32_t flags, const char* old,
                                     int32_t old_len, int32_t new_fd, const char* new_path,
                                     int32_t new_len);
RAW(path_symlink) int32_t raw_path_symlink(const char* old, int32_t old_len, int32_t fd,
                                           const char* new_path, int32_t new_len);
RAW(path_readlink) int32_t raw_path_readlink(int32_t fd, const char* path, int32_t path_len,
                                             char* buf, int32_t buf_len, int32_t* used);
RAW(path_filestat_get) int32_t raw_path_filestat_get(int32_t fd, int32_t flags,
                                                     const char* path, int32_t path_len,
                                                     void* out);
RAW(path_filestat_set_times) int32_t raw_path_filestat_set_times(int32_t fd, int32_t flags,
                                                                 const char* path,
                                                                 int32_t path_len, int64_t atim,
                                                                 int64_t mtim, int32_t fst_flags);
RAW(fd_read) int32_t raw_fd_read(int32_t fd, const void* iovs, int32_t iovs_len, int32_t* nread);
RAW(fd_write) int32_t raw_fd_write(int32_t fd, const void* iovs, int32_t iovs_len,
                                   int32_t* nwritten);
RAW(fd_prestat_dir_name) int32_t raw_fd_prestat_dir_name(int32_t fd, char* buf, int32_t len);
RAW(args_get) int32_t raw_args_get(void* argv, void* argv_buf);
RAW(random_get) int32_t raw_random_get(void* buf, int32_t len);
RAW(proc_raise) int32_t raw_proc_raise(int32_t sig);
RAW(sock_accept) int32_t raw_sock_accept(int32_t fd, int32_t flags, int32_t* out);
RAW(sock_recv) int32_t raw_sock_recv(int32_t fd, const void* iovs, int32_t n, int32_t flags,
                                     int32_t* nread, int32_t* oflags);
RAW(sock_send) int32_t raw_sock_send(int32_t fd, const void* iovs, int32_t n, int32_t flags,
                                     int32_t* nwritten);
RAW(sock_shutdown) int32_t raw_sock_shutdown(int32_t fd, int32_t how);
#undef RAW

/* An address just below the end of linear memory. */
static inline char* EndOfMemory(uint32_t back) {
  return (char*)(__builtin_wasm_memory_size(0) * 65536u - back);
}
/* Names of WASI errno values (api.h numbering). */
static const char* WasiErrno(int32_t e) {
  switch (e) {
    case 0: return "SUCCESS";
    case 2: return "ACCES";
    case 8: return "BADF";
    case 20: return "EXIST";
    case 21: return "FAULT";
    case 25: return "ILSEQ";
    case 28: return "INVAL";
    case 31: return "ISDIR";
    case 32: return "LOOP";
    case 37: return "NAMETOOLONG";
    case 42: return "NOBUFS";
    case 44: return "NOENT";
    case 52: return "NOSYS";
    case 54: return "NOTDIR";
    case 55: return "NOTEMPTY";
    case 57: return "NOTSOCK";
    case 58: return "NOTSUP";
    case 63: return "PERM";
    case 70: return "SPIPE";
    case 75: return "XDEV";
    case 76: return "NOTCAPABLE";
    default: {
      static char buf[16];
      snprintf(buf, sizeof buf, "errno %d", (int)e);
      return buf;
    }
  }
}
