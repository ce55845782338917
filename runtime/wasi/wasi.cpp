// The WASI preview1 function table (see wasi.h), the process-level functions (arguments,
// environment, clocks, randomness, exit, yield) and the setup of the descriptor table. Each
// entry of Functions() names a function, gives its signature (i = i32, I = i64) and its
// implementation; arguments arrive as Values already checked against the signature, and every
// function returns a WASI errno (proc_exit ends the run with a TrapKind::Exit instead).
#include "runtime/wasi/wasi.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/wasi/call.h"

namespace minicc::runtime::wasi {

namespace {

using Impl = uint32_t (*)(Call& c);

struct Entry {
  const char* name;
  const char* params;  // one letter per parameter: i (i32) or I (i64); the result is i32
  Impl impl;
};

// args_get / environ_get: pointers into one buffer of NUL-terminated strings.
uint32_t PutStrings(Call& c, const std::vector<std::string>& strs, uint32_t ptrs, uint32_t buf) {
  for (const std::string& s : strs) {
    uint8_t* p = c.Ptr(buf, s.size() + 1);
    if (!p || !c.Store(ptrs, buf)) return kFault;
    std::memcpy(p, s.c_str(), s.size() + 1);
    ptrs += 4;
    buf += uint32_t(s.size() + 1);
  }
  return kSuccess;
}

uint32_t PutSizes(Call& c, const std::vector<std::string>& strs, uint32_t count_ptr,
                  uint32_t size_ptr) {
  uint32_t size = 0;
  for (const std::string& s : strs) size += uint32_t(s.size() + 1);
  if (!c.Store(count_ptr, uint32_t(strs.size())) || !c.Store(size_ptr, size)) return kFault;
  return kSuccess;
}

bool HostClock(uint32_t id, clockid_t* out) {
  switch (id) {
    case 0: *out = CLOCK_REALTIME; return true;
    case 1: *out = CLOCK_MONOTONIC; return true;
    case 2: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case 3: *out = CLOCK_THREAD_CPUTIME_ID; return true;
    default: return false;
  }
}

// clock_time_get and clock_res_get: `query` (clock_gettime or clock_getres) of clock `id`,
// stored in nanoseconds at `out`.
uint32_t StoreClock(Call& c, uint32_t id, int (*query)(clockid_t, timespec*), uint32_t out) {
  clockid_t host;
  if (!HostClock(id, &host)) return kInval;
  timespec ts;
  if (query(host, &ts) != 0) return FromHostErrno(errno);
  uint64_t ns = uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
  return c.Store(out, ns) ? kSuccess : kFault;
}

uint32_t ClockTimeGet(Call& c) { return StoreClock(c, c.U32(0), clock_gettime, c.U32(2)); }
uint32_t ClockResGet(Call& c) { return StoreClock(c, c.U32(0), clock_getres, c.U32(1)); }

uint32_t RandomGet(Call& c) {
  uint32_t len = c.U32(1);
  uint8_t* p = c.Ptr(c.U32(0), len);
  if (!p) return kFault;
  for (uint32_t done = 0; done < len;) {
    ssize_t n = getrandom(p + done, len - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return kIo;
    done += uint32_t(n);
  }
  return kSuccess;
}

uint32_t ArgsGet(Call& c) { return PutStrings(c, c.state.config.args, c.U32(0), c.U32(1)); }
uint32_t ArgsSizesGet(Call& c) { return PutSizes(c, c.state.config.args, c.U32(0), c.U32(1)); }
uint32_t EnvironGet(Call& c) { return PutStrings(c, c.state.config.env, c.U32(0), c.U32(1)); }
uint32_t EnvironSizesGet(Call& c) { return PutSizes(c, c.state.config.env, c.U32(0), c.U32(1)); }
uint32_t SchedYield(Call&) { return sched_yield() == 0 ? kSuccess : kIo; }
uint32_t Nosys(Call&) { return kNosys; }
uint32_t Success(Call&) { return kSuccess; }

const std::vector<Entry>& Functions() {
  static const std::vector<Entry> table = {
      {"args_get", "ii", ArgsGet},
      {"args_sizes_get", "ii", ArgsSizesGet},
      {"environ_get", "ii", EnvironGet},
      {"environ_sizes_get", "ii", EnvironSizesGet},
      {"clock_res_get", "ii", ClockResGet},
      {"clock_time_get", "iIi", ClockTimeGet},
      {"fd_advise", "iIIi", FdAdvise},
      {"fd_allocate", "iII", FdAllocate},
      {"fd_close", "i", FdClose},
      {"fd_datasync", "i", FdDatasync},
      {"fd_fdstat_get", "ii", FdFdstatGet},
      {"fd_fdstat_set_flags", "ii", FdFdstatSetFlags},
      {"fd_fdstat_set_rights", "iII", FdFdstatSetRights},
      {"fd_filestat_get", "ii", FdFilestatGet},
      {"fd_filestat_set_size", "iI", FdFilestatSetSize},
      {"fd_filestat_set_times", "iIIi", FdFilestatSetTimes},
      {"fd_pread", "iiiIi", FdPread},
      {"fd_prestat_get", "ii", FdPrestatGet},
      {"fd_prestat_dir_name", "iii", FdPrestatDirName},
      {"fd_pwrite", "iiiIi", FdPwrite},
      {"fd_read", "iiii", FdRead},
      {"fd_readdir", "iiiIi", FdReaddir},
      {"fd_renumber", "ii", FdRenumber},
      {"fd_seek", "iIii", FdSeek},
      {"fd_sync", "i", FdSync},
      {"fd_tell", "ii", FdTell},
      {"fd_write", "iiii", FdWrite},
      {"path_create_directory", "iii", PathCreateDirectory},
      {"path_filestat_get", "iiiii", PathFilestatGet},
      {"path_filestat_set_times", "iiiiIIi", PathFilestatSetTimes},
      {"path_link", "iiiiiii", PathLink},
      {"path_open", "iiiiiIIii", PathOpen},
      {"path_readlink", "iiiiii", PathReadlink},
      {"path_remove_directory", "iii", PathRemoveDirectory},
      {"path_rename", "iiiiii", PathRename},
      {"path_symlink", "iiiii", PathSymlink},
      {"path_unlink_file", "iii", PathUnlinkFile},
      {"poll_oneoff", "iiii", PollOneoff},
      {"proc_exit", "i", Success},  // handled in AddToLinker
      {"proc_raise", "i", Nosys},
      {"random_get", "ii", RandomGet},
      {"sched_yield", "", SchedYield},
      {"sock_accept", "iii", Nosys},
      {"sock_recv", "iiiiii", Nosys},
      {"sock_send", "iiiii", Nosys},
      {"sock_shutdown", "ii", Nosys},
  };
  return table;
}

// fd 0-2: the host's stdio, with the rights their kind allows.
std::unique_ptr<FdEntry> StdioEntry(int fd, std::FILE* stream) {
  auto e = std::make_unique<FdEntry>();
  e->host_fd = fd;
  e->owns_host_fd = false;
  e->stream = stream;
  struct stat st;
  e->type = fstat(fd, &st) == 0 ? FileTypeOfMode(st.st_mode) : kUnknown;
  e->rights_base = e->type == kRegularFile ? rights::kRegularFile : rights::kStream;
  return e;
}

}  // namespace

support::Status Setup(State& state) {
  if (state.set_up) return support::Ok{};
  state.set_up = true;
  state.fds.Set(0, StdioEntry(0, nullptr));
  state.fds.Set(1, StdioEntry(1, state.config.out));
  state.fds.Set(2, StdioEntry(2, state.config.err));
  support::Status status;
  uint32_t fd = 3;
  for (const Preopen& p : state.config.preopens) {
    int host_fd = open(p.host_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (host_fd < 0) {
      if (status) {
        status = support::MakeError("cannot open directory '" + p.host_path +
                                    "': " + std::strerror(errno));
      }
      continue;
    }
    auto e = std::make_unique<FdEntry>();
    e->host_fd = host_fd;
    e->type = kDirectory;
    e->rights_base = rights::kDirectory;
    e->rights_inheriting = rights::kAll;
    e->is_preopen = true;
    e->preopen_name = p.guest_path;
    state.fds.Set(fd++, std::move(e));
  }
  return status;
}

void AddToLinker(Store& store, Linker& linker, std::shared_ptr<State> state) {
  if (!state->set_up) (void)Setup(*state);
  for (const Entry& e : Functions()) {
    wasm::FuncType type;
    for (const char* p = e.params; *p; ++p) {
      type.params.push_back(*p == 'I' ? wasm::ValType::I64() : wasm::ValType::I32());
    }
    bool is_exit = std::strcmp(e.name, "proc_exit") == 0;
    if (!is_exit) type.results.push_back(wasm::ValType::I32());
    Impl impl = e.impl;
    Func* f = store.CreateHostFunc(
        type,
        [impl, state, is_exit](HostContext& ctx, std::span<const Value> args,
                               std::span<Value> results) -> HostResult {
          if (is_exit) {
            std::fflush(state->config.out);
            std::fflush(state->config.err);
            int code = int(args[0].i32);
            Trap t = Trap::Make(TrapKind::Exit, "exit with status " + std::to_string(code));
            t.exit_code = code;
            return t;
          }
          Call c{ctx, *state, args, ctx.memory(0)};
          results[0] = Value::I32(impl(c));
          return std::nullopt;
        },
        std::string(kModuleName) + "." + e.name);
    linker.Define(kModuleName, e.name, Extern::Of(f));
  }
}

}  // namespace minicc::runtime::wasi
