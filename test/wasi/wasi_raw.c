// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --work %t.d \
// RUN:   --runners mwasm,node --node-skip '^node-differs' \
// RUN:   --node-reason 'see the node-differs lines in the source' | FileCheck %s
// RUN: %mwasm run --dir %t.d/mwasm/sandbox::. %t.wasm mwasm-only | FileCheck --check-prefix=ONLY %s
// REQUIRES: clang-14, node
// The WASI calls themselves, Wasm only: preopen discovery, fdstat and rights (a descriptor
// opened without a right cannot use it), fd_renumber, fd_close, poll_oneoff with clock and fd
// subscriptions, fd_readdir with a tiny buffer, bad guest pointers (EFAULT, never a crash),
// and the calls that only report ENOSYS-like errors (sockets, proc_raise).
// Lines that start with "node-differs" are not compared with node, which gets them wrong.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>

#include "common.h"
#include "raw_wasi.h"

#define SHOW(label, e) printf("%s: %s\n", label, WasiErrno(e))
#define NODE_DIFFERS(label, e) printf("node-differs: %s: %s\n", label, WasiErrno(e))

static int OpenRaw(const char* path, uint64_t rights, uint16_t oflags, int32_t* fd) {
  return raw_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, (int32_t)strlen(path), oflags,
                       (int64_t)rights, 0, 0, fd);
}

static void ReadAll(const char* label, int32_t fd) {
  char buf[32];
  __wasi_iovec_t iov = {(uint8_t*)buf, sizeof buf - 1};
  int32_t n = 0;
  int32_t e = raw_fd_read(fd, &iov, 1, &n);
  if (e) printf("%s: read %s\n", label, WasiErrno(e));
  else printf("%s: read %d [%.*s]\n", label, n, n > 0 && buf[n - 1] == '\n' ? n - 1 : n, buf);
}

// What node cannot do: an absolute deadline in the past (node waits forever) and a file
// descriptor subscription next to a clock (node: EPERM for a file), proc_raise (node kills itself
// with the signal),
// sock_accept (node segfaults).
static int MwasmOnly(void) {
  __wasi_subscription_t sub;
  __wasi_event_t ev;
  __wasi_size_t n;
  memset(&sub, 0, sizeof sub);
  sub.userdata = 7;
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  __wasi_timestamp_t now;
  (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now);
  sub.u.u.clock.timeout = now - 1000;
  sub.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  SHOW("poll absolute past", __wasi_poll_oneoff(&sub, &ev, 1, &n));
  printf("events %u, userdata %llu\n", (unsigned)n, (unsigned long long)ev.userdata);
  sub.u.u.clock.timeout = now + 20000000;
  SHOW("poll absolute +20ms", __wasi_poll_oneoff(&sub, &ev, 1, &n));
  (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &sub.u.u.clock.timeout);
  printf("waited until the deadline: %d\n", sub.u.u.clock.timeout >= now + 20000000);

  // A readable file and a long clock: the file is reported, with its size.
  __wasi_subscription_t subs[2];
  __wasi_event_t ev2[2];
  int32_t fd;
  subs[0] = sub;
  OpenRaw("data/numbers.txt", __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_POLL_FD_READWRITE, 0, &fd);
  subs[1].userdata = 333;
  subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[1].u.u.fd_read.file_descriptor = fd;
  subs[0].u.u.clock.timeout = 2000000000;
  subs[0].u.u.clock.flags = 0;
  int32_t e = __wasi_poll_oneoff(subs, ev2, 2, &n);
  SHOW("proc_raise (node raises the signal on itself)", raw_proc_raise(6));
  // Sockets are not supported (node segfaults on sock_accept).
  char sockbuf[4];
  __wasi_iovec_t badin = {(uint8_t*)sockbuf, sizeof sockbuf};
  __wasi_ciovec_t out = {(const uint8_t*)"x", 1};
  printf("sock_accept: %s\n", WasiErrno(raw_sock_accept(0, 0, &fd)));
  printf("sock_recv: %s\n", WasiErrno(raw_sock_recv(0, &badin, 1, 0, &fd, &fd)));
  printf("sock_send: %s\n", WasiErrno(raw_sock_send(0, &out, 1, 0, &fd)));
  printf("sock_shutdown: %s\n", WasiErrno(raw_sock_shutdown(0, 3)));
  printf("poll fd and clock: %s, events %u, userdata %llu, nbytes %llu\n",
         WasiErrno(e), (unsigned)n, (unsigned long long)ev2[0].userdata,
         (unsigned long long)ev2[0].fd_readwrite.nbytes);
  return 0;
}

int main(int argc, char** argv) {
  setvbuf(stdout, NULL, _IONBF, 0);  // every line out before a crash
  if (argc > 1 && strcmp(argv[1], "mwasm-only") == 0) return MwasmOnly();
  // Preopens: fd 3 is ".", nothing after it; stdio has no prestat.
  __wasi_prestat_t ps;
  SHOW("prestat 3", __wasi_fd_prestat_get(3, &ps));
  char name[16] = {0};
  SHOW("prestat_dir_name 3", __wasi_fd_prestat_dir_name(3, (uint8_t*)name, ps.u.dir.pr_name_len));
  printf("preopen 3: tag %d, name [%s]\n", ps.tag, name);
  SHOW("prestat 4", __wasi_fd_prestat_get(4, &ps));
  NODE_DIFFERS("prestat 1", __wasi_fd_prestat_get(1, &ps));
  NODE_DIFFERS("prestat_dir_name out of bounds", raw_fd_prestat_dir_name(3, EndOfMemory(0), 1));

  __wasi_fdstat_t st;
  SHOW("fdstat 3", __wasi_fd_fdstat_get(3, &st));
  printf("fd 3: filetype %d (directory %d)\n", st.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  __wasi_filestat_t fs;
  SHOW("filestat 3", __wasi_fd_filestat_get(3, &fs));
  printf("fd 3: filestat type directory %d\n", fs.filetype == __WASI_FILETYPE_DIRECTORY);

  // Rights: read-only without seek.
  int32_t fd = -1;
  SHOW("open hello.txt read-only, no seek",
       OpenRaw("hello.txt", __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET, 0, &fd));
  SHOW("fdstat", __wasi_fd_fdstat_get(fd, &st));
  printf("filetype regular %d, right read %d, write %d, seek %d\n",
         st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE,
         (st.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0,
         (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0,
         (st.fs_rights_base & __WASI_RIGHTS_FD_SEEK) != 0);
  __wasi_filesize_t pos;
  SHOW("seek without the right", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  SHOW("tell without the right", __wasi_fd_tell(fd, &pos));
  __wasi_ciovec_t out = {(const uint8_t*)"x", 1};
  __wasi_size_t n;
  SHOW("write without the right", __wasi_fd_write(fd, &out, 1, &n));
  SHOW("filestat_set_size without the right", __wasi_fd_filestat_set_size(fd, 0));
  ReadAll("hello.txt", fd);
  // Shrinking rights works, growing them does not.
  SHOW("fdstat_set_rights shrink", __wasi_fd_fdstat_set_rights(fd, __WASI_RIGHTS_FD_READ, 0));
  SHOW("fdstat_set_rights grow",
       __wasi_fd_fdstat_set_rights(fd, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0));
  SHOW("filestat_get after shrink", __wasi_fd_filestat_get(fd, &fs));

  // Timestamps with "now" (wasi-libc's futimens cannot ask for it).
  int32_t t = -1;
  OpenRaw("hello.txt", __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FILESTAT_GET, 0, &t);
  SHOW("set_times atim now, mtim 5s",
       __wasi_fd_filestat_set_times(t, 0, 5000000000ull,
                                    __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM));
  (void)__wasi_fd_filestat_get(t, &fs);
  printf("atime recent %d, mtime %llu\n", fs.atim > 1600000000000000000ull,
         (unsigned long long)fs.mtim);
  SHOW("set_times atim and atim now",
       __wasi_fd_filestat_set_times(t, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
  SHOW("path set_times mtim now", __wasi_path_filestat_set_times(
                                      3, 0, "hello.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  SHOW("path filestat_get", __wasi_path_filestat_get(3, 0, "hello.txt", &fs));
  printf("mtime recent %d, size %llu\n", fs.mtim > 1600000000000000000ull,
         (unsigned long long)fs.size);
  (void)__wasi_fd_close(t);

  // fd_renumber: b takes a's file; a is closed.
  int32_t a = -1, b = -1;
  OpenRaw("data/sub/deep.txt", __WASI_RIGHTS_FD_READ, 0, &a);
  OpenRaw("hello.txt", __WASI_RIGHTS_FD_READ, 0, &b);
  SHOW("renumber a -> b", __wasi_fd_renumber(a, b));
  ReadAll("b after renumber", b);
  ReadAll("a after renumber", a);
  SHOW("renumber b -> b", __wasi_fd_renumber(b, b));
  SHOW("renumber closed a -> b", __wasi_fd_renumber(a, b));
  SHOW("renumber b -> 1000 (not open)", __wasi_fd_renumber(b, 1000));
  SHOW("close b", __wasi_fd_close(b));
  SHOW("close b again", __wasi_fd_close(b));
  SHOW("close 999", __wasi_fd_close(999));
  SHOW("close fd", __wasi_fd_close(fd));

  // poll_oneoff: the earlier of two relative clocks fires first; an absolute deadline in the
  // past fires at once; a readable file is reported with its size.
  __wasi_subscription_t subs[3];
  __wasi_event_t ev[3];
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 111;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 200000000;
  subs[1] = subs[0];
  subs[1].userdata = 222;
  subs[1].u.u.clock.timeout = 10000000;
  SHOW("poll two clocks", __wasi_poll_oneoff(subs, ev, 2, &n));
  printf("events %u, first userdata %llu, error %d, type clock %d\n", (unsigned)n,
         (unsigned long long)ev[0].userdata, ev[0].error, ev[0].type == __WASI_EVENTTYPE_CLOCK);
  __wasi_timestamp_t now;
  SHOW("poll zero subscriptions", __wasi_poll_oneoff(subs, ev, 0, &n));
  subs[2].userdata = 333;
  subs[2].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[2].u.u.fd_read.file_descriptor = 999;
  int32_t e = __wasi_poll_oneoff(subs + 2, ev, 1, &n);
  printf("node-differs: poll bad fd: %s, events %u, event error %s\n", WasiErrno(e), (unsigned)n,
         WasiErrno(ev[0].error));
  (void)__wasi_fd_close(fd);

  // fd_readdir with a buffer smaller than one entry: bufused == buf_len (truncated).
  OpenRaw("data", __WASI_RIGHTS_FD_READDIR, __WASI_OFLAGS_DIRECTORY, &fd);
  uint8_t tiny[10];
  e = __wasi_fd_readdir(fd, tiny, sizeof tiny, 0, &n);
  printf("readdir tiny buffer: %s, full %d\n", WasiErrno(e), n == sizeof tiny);
  uint8_t big[4096];
  e = __wasi_fd_readdir(fd, big, sizeof big, 0, &n);
  printf("readdir: %s, used < size %d\n", WasiErrno(e), n < sizeof big);
  SHOW("readdir on a file", __wasi_fd_readdir(1, big, sizeof big, 0, &n));
  (void)__wasi_fd_close(fd);

  // Bad pointers: EFAULT, never a crash.
  NODE_DIFFERS("fd_write iovs out of bounds", raw_fd_write(1, EndOfMemory(4), 1, (int32_t*)big));
  __wasi_ciovec_t bad = {(const uint8_t*)EndOfMemory(2), 10};
  NODE_DIFFERS("fd_write data out of bounds", raw_fd_write(1, &bad, 1, (int32_t*)big));
  __wasi_iovec_t badin = {(uint8_t*)EndOfMemory(2), 10};
  OpenRaw("hello.txt", __WASI_RIGHTS_FD_READ, 0, &fd);
  NODE_DIFFERS("fd_read into out of bounds", raw_fd_read(fd, &badin, 1, (int32_t*)big));
  NODE_DIFFERS("fd_read nread out of bounds", raw_fd_read(fd, &out, 1, (int32_t*)EndOfMemory(2)));
  NODE_DIFFERS("args_get out of bounds", raw_args_get(EndOfMemory(2), EndOfMemory(1)));
  NODE_DIFFERS("random_get out of bounds", raw_random_get(EndOfMemory(8), 16));
  SHOW("random_get 0 bytes", raw_random_get(big, 0));
  NODE_DIFFERS("path_open path out of bounds",
       raw_path_open(3, 0, EndOfMemory(3), 10, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  NODE_DIFFERS("path_open fd_out out of bounds",
       raw_path_open(3, 0, "hello.txt", 9, 0, __WASI_RIGHTS_FD_READ, 0, 0,
                     (int32_t*)EndOfMemory(1)));
  SHOW("clock_time_get bad id", __wasi_clock_time_get(99, 1, &now));
  SHOW("clock_res_get bad id", __wasi_clock_res_get(99, &now));
  SHOW("sched_yield", __wasi_sched_yield());
  SHOW("fd_advise bad advice", __wasi_fd_advise(0, 0, 0, 99));

  return 0;
}
// CHECK:      prestat 3: SUCCESS
// CHECK-NEXT: prestat_dir_name 3: SUCCESS
// CHECK-NEXT: preopen 3: tag 0, name [.]
// CHECK-NEXT: prestat 4: BADF
// CHECK-NEXT: node-differs: prestat 1: BADF
// CHECK-NEXT: node-differs: prestat_dir_name out of bounds: FAULT
// CHECK-NEXT: fdstat 3: SUCCESS
// CHECK-NEXT: fd 3: filetype 3 (directory 3)
// CHECK-NEXT: filestat 3: SUCCESS
// CHECK-NEXT: fd 3: filestat type directory 1
// CHECK-NEXT: open hello.txt read-only, no seek: SUCCESS
// CHECK-NEXT: fdstat: SUCCESS
// CHECK-NEXT: filetype regular 1, right read 1, write 0, seek 0
// CHECK-NEXT: seek without the right: NOTCAPABLE
// CHECK-NEXT: tell without the right: NOTCAPABLE
// CHECK-NEXT: write without the right: NOTCAPABLE
// CHECK-NEXT: filestat_set_size without the right: NOTCAPABLE
// CHECK-NEXT: hello.txt: read 13 [Hello, WASI!]
// CHECK-NEXT: fdstat_set_rights shrink: SUCCESS
// CHECK-NEXT: fdstat_set_rights grow: NOTCAPABLE
// CHECK-NEXT: filestat_get after shrink: NOTCAPABLE
// CHECK-NEXT: set_times atim now, mtim 5s: SUCCESS
// CHECK-NEXT: atime recent 1, mtime 5000000000
// CHECK-NEXT: set_times atim and atim now: INVAL
// CHECK-NEXT: path set_times mtim now: SUCCESS
// CHECK-NEXT: path filestat_get: SUCCESS
// CHECK-NEXT: mtime recent 1, size 13
// CHECK-NEXT: renumber a -> b: SUCCESS
// CHECK-NEXT: b after renumber: read 5 [deep]
// CHECK-NEXT: a after renumber: read BADF
// CHECK-NEXT: renumber b -> b: SUCCESS
// CHECK-NEXT: renumber closed a -> b: BADF
// CHECK-NEXT: renumber b -> 1000 (not open): BADF
// CHECK-NEXT: close b: SUCCESS
// CHECK-NEXT: close b again: BADF
// CHECK-NEXT: close 999: BADF
// CHECK-NEXT: close fd: SUCCESS
// CHECK-NEXT: poll two clocks: SUCCESS
// CHECK-NEXT: events 1, first userdata 222, error 0, type clock 1
// CHECK-NEXT: poll zero subscriptions: INVAL
// CHECK-NEXT: node-differs: poll bad fd: SUCCESS, events 1, event error BADF
// CHECK-NEXT: readdir tiny buffer: SUCCESS, full 1
// CHECK-NEXT: readdir: SUCCESS, used < size 1
// CHECK-NEXT: readdir on a file: NOTCAPABLE
// CHECK-NEXT: node-differs: fd_write iovs out of bounds: FAULT
// CHECK-NEXT: node-differs: fd_write data out of bounds: FAULT
// CHECK-NEXT: node-differs: fd_read into out of bounds: FAULT
// CHECK-NEXT: node-differs: fd_read nread out of bounds: FAULT
// CHECK-NEXT: node-differs: args_get out of bounds: FAULT
// CHECK-NEXT: node-differs: random_get out of bounds: FAULT
// CHECK-NEXT: random_get 0 bytes: SUCCESS
// CHECK-NEXT: node-differs: path_open path out of bounds: FAULT
// CHECK-NEXT: node-differs: path_open fd_out out of bounds: FAULT
// CHECK-NEXT: clock_time_get bad id: INVAL
// CHECK-NEXT: clock_res_get bad id: INVAL
// CHECK-NEXT: sched_yield: SUCCESS
// CHECK-NEXT: fd_advise bad advice: INVAL

// ONLY:      poll absolute past: SUCCESS
// ONLY-NEXT: events 1, userdata 7
// ONLY-NEXT: poll absolute +20ms: SUCCESS
// ONLY-NEXT: waited until the deadline: 1
// ONLY-NEXT: proc_raise (node raises the signal on itself): NOSYS
// ONLY-NEXT: sock_accept: NOSYS
// ONLY-NEXT: sock_recv: NOSYS
// ONLY-NEXT: sock_send: NOSYS
// ONLY-NEXT: sock_shutdown: NOSYS
// ONLY-NEXT: poll fd and clock: SUCCESS, events 1, userdata 333, nbytes 292
