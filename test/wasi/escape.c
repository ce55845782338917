// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --work %t.d \
// RUN:   --runners mwasm --tree escape --escape-check -- {outside} | FileCheck %s
// REQUIRES: clang-14, node
// Every way out of the preopened directory we could think of, through wasi-libc and through
// the raw calls: "..", absolute paths, symlinks pointing outside (absolute, relative, chains,
// directories, dangling ones with O_CREAT), rename/link/symlink to or from outside, a dirfd
// below the preopen, embedded NULs. Each must be refused; wasi_diff.py then checks that nothing
// outside the sandbox was read (atime), created or changed. Operations on a symlink itself
// (lstat, readlink, unlink) stay allowed: the link lives inside.
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "common.h"
#include "raw_wasi.h"

static int escaped = 0;

static void Result(const char* label, long r, int err) {
  if (r >= 0) {
    printf("%s: ALLOWED\n", label);
  } else {
    printf("%s: refused [%s]\n", label, errname(err));
  }
}
#define TRY(label, expr)           \
  do {                             \
    errno = 0;                     \
    long r_ = (long)(expr);        \
    Result(label, r_, errno);      \
  } while (0)

static void Open(const char* label, const char* path, int flags) {
  errno = 0;
  int fd = open(path, flags, 0644);
  if (fd < 0) {
    printf("%s: refused [%s]\n", label, errname(errno));
    return;
  }
  char buf[64] = {0};
  ssize_t n = read(fd, buf, sizeof buf - 1);
  printf("%s: ESCAPED, read %zd [%s]\n", label, n, n > 0 ? buf : "");
  ++escaped;
  close(fd);
}

static void RawOpen(const char* label, int32_t dirfd, const char* path, int32_t len) {
  int32_t fd = -1;
  int32_t e = raw_path_open(dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, len, 0,
                            __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_PATH_OPEN |
                                __WASI_RIGHTS_FD_READDIR,
                            __WASI_RIGHTS_FD_READ, 0, &fd);
  if (e != 0) {
    printf("%s: refused [%s]\n", label, WasiErrno(e));
    return;
  }
  printf("%s: opened\n", label);
  char buf[64] = {0};
  __wasi_iovec_t iov = {(uint8_t*)buf, sizeof buf - 1};
  int32_t n = 0;
  if (raw_fd_read(fd, &iov, 1, &n) == 0 && n > 0) printf("  read [%s]\n", buf);
  (void)__wasi_fd_close(fd);
}

int main(int argc, char** argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char abs_path[512];
  snprintf(abs_path, sizeof abs_path, "%s/secret.txt", argc > 1 ? argv[1] : "/nonexistent");

  // Reading through ".." and absolute paths.
  Open("open ../outside/secret.txt", "../outside/secret.txt", O_RDONLY);
  Open("open absolute host path", abs_path, O_RDONLY);
  Open("open /etc/passwd", "/etc/passwd", O_RDONLY);
  Open("open data/../../outside/secret.txt", "data/../../outside/secret.txt", O_RDONLY);
  Open("open data/sub/../../../outside/secret.txt", "data/sub/../../../outside/secret.txt",
       O_RDONLY);
  Open("open ./../outside/secret.txt", "./../outside/secret.txt", O_RDONLY);
  // Reading through symlinks that point outside.
  Open("open abs-link", "abs-link", O_RDONLY);
  Open("open rel-link", "rel-link", O_RDONLY);
  Open("open chain1 (3 links, last one out)", "chain1", O_RDONLY);
  Open("open dir-escape/secret.txt", "dir-escape/secret.txt", O_RDONLY);
  Open("open dir-escape/link-in-outside", "dir-escape/link-in-outside", O_RDONLY);
  Open("open abs-dir-link/secret.txt", "abs-dir-link/secret.txt", O_RDONLY);
  Open("open root-link/etc/passwd", "root-link/etc/passwd", O_RDONLY);
  Open("open dot-dot/outside/secret.txt", "dot-dot/outside/secret.txt", O_RDONLY);
  Open("open data/sub/up3", "data/sub/up3", O_RDONLY);
  Open("open self-out/secret.txt", "self-out/secret.txt", O_RDONLY);
  Open("open loop-a", "loop-a", O_RDONLY);
  // Creating or truncating outside.
  Open("create ../outside/new.txt", "../outside/new.txt", O_WRONLY | O_CREAT);
  Open("create through dangling-out", "dangling-out", O_WRONLY | O_CREAT);
  Open("create dir-escape/new.txt", "dir-escape/new.txt", O_WRONLY | O_CREAT);
  Open("truncate abs-link", "abs-link", O_WRONLY | O_TRUNC);
  Open("truncate rel-link", "rel-link", O_RDWR | O_TRUNC);
  TRY("truncate() rel-link", truncate("rel-link", 0));

  // Metadata.
  struct stat st;
  TRY("stat ../outside/secret.txt", stat("../outside/secret.txt", &st));
  TRY("stat rel-link (follows)", stat("rel-link", &st));
  TRY("stat dir-escape/secret.txt", stat("dir-escape/secret.txt", &st));
  TRY("lstat rel-link (the link itself)", lstat("rel-link", &st));
  TRY("lstat dir-escape/link-in-outside", lstat("dir-escape/link-in-outside", &st));
  char target[256];
  TRY("readlink rel-link (the link itself)", readlink("rel-link", target, sizeof target));
  TRY("readlink dir-escape/link-in-outside",
      readlink("dir-escape/link-in-outside", target, sizeof target));
  struct timespec ts[2] = {{1, 0}, {2, 0}};
  TRY("utimensat ../outside/secret.txt", utimensat(AT_FDCWD, "../outside/secret.txt", ts, 0));
  TRY("utimensat rel-link (follows)", utimensat(AT_FDCWD, "rel-link", ts, 0));
  TRY("utimensat dir-escape/secret.txt", utimensat(AT_FDCWD, "dir-escape/secret.txt", ts, 0));

  // Directories.
  DIR* d = opendir("dir-escape");
  Result("opendir dir-escape", d ? 0 : -1, errno);
  if (d) closedir(d);
  d = opendir("..");
  Result("opendir ..", d ? 0 : -1, errno);
  if (d) closedir(d);
  d = opendir("abs-dir-link");
  Result("opendir abs-dir-link", d ? 0 : -1, errno);
  if (d) closedir(d);
  TRY("mkdir ../outside/newdir", mkdir("../outside/newdir", 0755));
  TRY("mkdir dir-escape/newdir", mkdir("dir-escape/newdir", 0755));
  TRY("rmdir dir-escape/dir", rmdir("dir-escape/dir"));
  TRY("rmdir ../outside/dir", rmdir("../outside/dir"));

  // Removing, renaming, linking across the boundary.
  TRY("unlink ../outside/secret.txt", unlink("../outside/secret.txt"));
  TRY("unlink dir-escape/secret.txt", unlink("dir-escape/secret.txt"));
  TRY("rename hello.txt -> ../outside/moved", rename("hello.txt", "../outside/moved"));
  TRY("rename hello.txt -> dir-escape/moved", rename("hello.txt", "dir-escape/moved"));
  TRY("rename ../outside/secret.txt -> stolen", rename("../outside/secret.txt", "stolen"));
  TRY("rename dir-escape/secret.txt -> stolen", rename("dir-escape/secret.txt", "stolen"));
  TRY("rename dir-escape -> ../outside/x (moves the link)",
      rename("dir-escape", "../outside/x"));
  TRY("link ../outside/secret.txt -> hard", link("../outside/secret.txt", "hard"));
  TRY("link dir-escape/secret.txt -> hard", link("dir-escape/secret.txt", "hard"));
  TRY("link hello.txt -> dir-escape/hard", link("hello.txt", "dir-escape/hard"));
  TRY("linkat rel-link -> hard (follow)",
      linkat(AT_FDCWD, "rel-link", AT_FDCWD, "hard", AT_SYMLINK_FOLLOW));
  TRY("symlink x -> dir-escape/newlink", symlink("x", "dir-escape/newlink"));
  TRY("symlink x -> ../outside/newlink", symlink("x", "../outside/newlink"));
  TRY("symlink /etc/passwd -> abslink", symlink("/etc/passwd", "abslink"));
  TRY("symlink ../outside/secret.txt -> mylink", symlink("../outside/secret.txt", "mylink"));
  Open("open mylink", "mylink", O_RDONLY);
  TRY("unlink rel-link (the link itself)", unlink("rel-link"));

  // Raw calls on the preopen (fd 3) and on a directory below it.
  RawOpen("raw ..", 3, "..", 2);
  RawOpen("raw /", 3, "/", 1);
  RawOpen("raw /etc/passwd", 3, "/etc/passwd", 11);
  RawOpen("raw empty path", 3, "", 0);
  RawOpen("raw hello.txt<NUL>../../x", 3, "hello.txt\0../../x", 17);
  RawOpen("raw hello.txt<NUL>", 3, "hello.txt\0", 10);
  RawOpen("raw ..<NUL>", 3, "..\0", 3);
  RawOpen("raw . (the preopen itself)", 3, ".", 1);
  RawOpen("raw data/.. (still inside)", 3, "data/..", 7);
  RawOpen("raw data//sub///deep.txt", 3, "data//sub///deep.txt", 20);
  int32_t data = -1;
  raw_path_open(3, 0, "data", 4, __WASI_OFLAGS_DIRECTORY,
                __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR,
                __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR, 0,
                &data);
  RawOpen("raw from data: ../hello.txt (above that dirfd)", data, "../hello.txt", 12);
  RawOpen("raw from data: uplink (-> ../hello.txt)", data, "uplink", 6);
  RawOpen("raw from data: sub/deep.txt", data, "sub/deep.txt", 12);
  RawOpen("raw on stdout (not a directory)", 1, "hello.txt", 9);
  RawOpen("raw on fd 99", 99, "hello.txt", 9);
  printf("escaped: %d\n", escaped);
  return 0;
}
// CHECK:      open ../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open absolute host path: refused [ENOENT]
// CHECK-NEXT: open /etc/passwd: refused [ENOENT]
// CHECK-NEXT: open data/../../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open data/sub/../../../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open ./../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open abs-link: refused [ENOTCAPABLE]
// CHECK-NEXT: open rel-link: refused [ENOTCAPABLE]
// CHECK-NEXT: open chain1 (3 links, last one out): refused [ENOTCAPABLE]
// CHECK-NEXT: open dir-escape/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open dir-escape/link-in-outside: refused [ENOTCAPABLE]
// CHECK-NEXT: open abs-dir-link/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open root-link/etc/passwd: refused [ENOTCAPABLE]
// CHECK-NEXT: open dot-dot/outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open data/sub/up3: refused [ENOTCAPABLE]
// CHECK-NEXT: open self-out/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: open loop-a: refused [ELOOP]
// CHECK-NEXT: create ../outside/new.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: create through dangling-out: refused [ENOTCAPABLE]
// CHECK-NEXT: create dir-escape/new.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: truncate abs-link: refused [ENOTCAPABLE]
// CHECK-NEXT: truncate rel-link: refused [ENOTCAPABLE]
// CHECK-NEXT: truncate() rel-link: refused [ENOTCAPABLE]
// CHECK-NEXT: stat ../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: stat rel-link (follows): refused [ENOTCAPABLE]
// CHECK-NEXT: stat dir-escape/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: lstat rel-link (the link itself): ALLOWED
// CHECK-NEXT: lstat dir-escape/link-in-outside: refused [ENOTCAPABLE]
// CHECK-NEXT: readlink rel-link (the link itself): ALLOWED
// CHECK-NEXT: readlink dir-escape/link-in-outside: refused [ENOTCAPABLE]
// CHECK-NEXT: utimensat ../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: utimensat rel-link (follows): refused [ENOTCAPABLE]
// CHECK-NEXT: utimensat dir-escape/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: opendir dir-escape: refused [ENOTCAPABLE]
// CHECK-NEXT: opendir ..: refused [ENOTCAPABLE]
// CHECK-NEXT: opendir abs-dir-link: refused [ENOTCAPABLE]
// CHECK-NEXT: mkdir ../outside/newdir: refused [ENOTCAPABLE]
// CHECK-NEXT: mkdir dir-escape/newdir: refused [ENOTCAPABLE]
// CHECK-NEXT: rmdir dir-escape/dir: refused [ENOTCAPABLE]
// CHECK-NEXT: rmdir ../outside/dir: refused [ENOTCAPABLE]
// CHECK-NEXT: unlink ../outside/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: unlink dir-escape/secret.txt: refused [ENOTCAPABLE]
// CHECK-NEXT: rename hello.txt -> ../outside/moved: refused [ENOTCAPABLE]
// CHECK-NEXT: rename hello.txt -> dir-escape/moved: refused [ENOTCAPABLE]
// CHECK-NEXT: rename ../outside/secret.txt -> stolen: refused [ENOTCAPABLE]
// CHECK-NEXT: rename dir-escape/secret.txt -> stolen: refused [ENOTCAPABLE]
// CHECK-NEXT: rename dir-escape -> ../outside/x (moves the link): refused [ENOTCAPABLE]
// CHECK-NEXT: link ../outside/secret.txt -> hard: refused [ENOTCAPABLE]
// CHECK-NEXT: link dir-escape/secret.txt -> hard: refused [ENOTCAPABLE]
// CHECK-NEXT: link hello.txt -> dir-escape/hard: refused [ENOTCAPABLE]
// CHECK-NEXT: linkat rel-link -> hard (follow): refused [ENOTCAPABLE]
// CHECK-NEXT: symlink x -> dir-escape/newlink: refused [ENOTCAPABLE]
// CHECK-NEXT: symlink x -> ../outside/newlink: refused [ENOTCAPABLE]
// CHECK-NEXT: symlink /etc/passwd -> abslink: refused [ENOTCAPABLE]
// CHECK-NEXT: symlink ../outside/secret.txt -> mylink: refused [ENOTCAPABLE]
// CHECK-NEXT: open mylink: refused [ENOENT]
// CHECK-NEXT: unlink rel-link (the link itself): ALLOWED
// CHECK-NEXT: raw ..: refused [NOTCAPABLE]
// CHECK-NEXT: raw /: refused [NOTCAPABLE]
// CHECK-NEXT: raw /etc/passwd: refused [NOTCAPABLE]
// CHECK-NEXT: raw empty path: refused [NOENT]
// CHECK-NEXT: raw hello.txt<NUL>../../x: refused [INVAL]
// CHECK-NEXT: raw hello.txt<NUL>: refused [INVAL]
// CHECK-NEXT: raw ..<NUL>: refused [INVAL]
// CHECK-NEXT: raw . (the preopen itself): opened
// CHECK-NEXT: raw data/.. (still inside): opened
// CHECK-NEXT: raw data//sub///deep.txt: opened
// CHECK-NEXT:   read [deep
// CHECK-NEXT: ]
// CHECK-NEXT: raw from data: ../hello.txt (above that dirfd): refused [NOTCAPABLE]
// CHECK-NEXT: raw from data: uplink (-> ../hello.txt): refused [NOTCAPABLE]
// CHECK-NEXT: raw from data: sub/deep.txt: opened
// CHECK-NEXT:   read [deep
// CHECK-NEXT: ]
// CHECK-NEXT: raw on stdout (not a directory): refused [NOTCAPABLE]
// CHECK-NEXT: raw on fd 99: refused [BADF]
// CHECK-NEXT: escaped: 0
