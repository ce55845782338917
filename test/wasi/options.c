// RUN: %clang-wasm -O2 %s -o %t.wasm
// RUN: mkdir -p %t.dir/sub && echo inside > %t.dir/sub/f.txt
// RUN: env FROM_HOST=yes OVERRIDE=host %mwasm run --inherit-env --env OVERRIDE=guest \
// RUN:   --dir %t.dir::/data --dir %t.dir/sub %t.wasm | FileCheck %s
// RUN: env FROM_HOST=yes %mwasm run %t.wasm | FileCheck --check-prefix=CLEAN %s
// RUN: not %mwasm run --dir %t.missing %t.wasm 2>&1 | FileCheck --check-prefix=BADDIR %s
// REQUIRES: clang-14
// mwasm run's sandbox options: --inherit-env passes the host environment (--env overrides),
// without it the guest sees none; --dir HOST::GUEST names the preopen as the guest sees it,
// --dir HOST keeps the host name; a missing directory is a command-line error.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static void Cat(const char* path) {
  char buf[32] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("%s: cannot open\n", path);
    return;
  }
  read(fd, buf, sizeof buf - 1);
  printf("%s: %s", path, buf);
  close(fd);
}

int main(void) {
  const char* h = getenv("FROM_HOST");
  const char* o = getenv("OVERRIDE");
  printf("FROM_HOST=%s OVERRIDE=%s\n", h ? h : "(unset)", o ? o : "(unset)");
  for (int fd = 3; fd < 6; ++fd) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
    char name[256] = {0};
    (void)__wasi_fd_prestat_dir_name(fd, (uint8_t*)name, ps.u.dir.pr_name_len);
    printf("preopen %d: %s\n", fd, strncmp(name, "/data", 5) == 0 ? name : "(host path)");
  }
  Cat("/data/sub/f.txt");
  return 0;
}
// CHECK:      FROM_HOST=yes OVERRIDE=guest
// CHECK-NEXT: preopen 3: /data
// CHECK-NEXT: preopen 4: (host path)
// CHECK-NEXT: /data/sub/f.txt: inside

// CLEAN:      FROM_HOST=(unset) OVERRIDE=(unset)
// CLEAN-NEXT: /data/sub/f.txt: cannot open

// BADDIR: error: --dir: cannot open directory '{{.*}}.missing': No such file or directory
