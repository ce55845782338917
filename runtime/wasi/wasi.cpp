// The WASI preview1 functions (see wasi.h). Each entry of kFunctions names a function, gives
// its signature (i = i32, I = i64) and its implementation; arguments arrive as Values already
// checked against the signature, and every function returns a WASI errno (or exits).
#include "runtime/wasi/wasi.h"

#include <sys/random.h>
#include <time.h>

#include <cstring>
#include <functional>

namespace minicc::runtime::wasi {

namespace {

// WASI errno values.
enum Errno : uint32_t {
  kSuccess = 0, kBadf = 8, kFault = 21, kInval = 28, kIo = 29, kNosys = 52, kSpipe = 70,
};

struct Call {
  HostContext& ctx;
  State& state;
  std::span<const Value> args;
  Memory* mem;

  uint32_t U32(size_t i) const { return args[i].i32; }
  uint64_t U64(size_t i) const { return args[i].i64; }
  bool Store32(uint64_t addr, uint32_t v) { return mem && mem->Write(addr, &v, 4); }
  bool Store64(uint64_t addr, uint64_t v) { return mem && mem->Write(addr, &v, 8); }
  bool Load32(uint64_t addr, uint32_t* v) const { return mem && mem->Read(addr, v, 4); }
};

using Impl = std::function<uint32_t(Call& c, int* exit_code)>;

struct Entry {
  const char* name;
  const char* params;  // one letter per parameter: i (i32) or I (i64); the result is i32
  Impl impl;
};

// args_get / environ_get: pointers into one buffer of NUL-terminated strings.
uint32_t PutStrings(Call& c, const std::vector<std::string>& strs, uint32_t ptrs, uint32_t buf) {
  for (const std::string& s : strs) {
    if (!c.Store32(ptrs, buf) || !c.mem->Write(buf, s.c_str(), s.size() + 1)) return kFault;
    ptrs += 4;
    buf += uint32_t(s.size() + 1);
  }
  return kSuccess;
}
uint32_t PutSizes(Call& c, const std::vector<std::string>& strs, uint32_t count_ptr,
                  uint32_t size_ptr) {
  uint32_t size = 0;
  for (const std::string& s : strs) size += uint32_t(s.size() + 1);
  if (!c.Store32(count_ptr, uint32_t(strs.size())) || !c.Store32(size_ptr, size)) return kFault;
  return kSuccess;
}

const Preopen* PreopenOf(State& st, uint32_t fd) {
  if (fd < 3 || fd - 3 >= st.config.preopens.size()) return nullptr;
  return &st.config.preopens[fd - 3];
}

uint32_t FdWrite(Call& c, int*) {
  uint32_t fd = c.U32(0), iovs = c.U32(1), n = c.U32(2), nwritten = c.U32(3);
  std::FILE* out = fd == 1 ? c.state.config.out : fd == 2 ? c.state.config.err : nullptr;
  if (out == nullptr) return kBadf;
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t base, len;
    if (!c.Load32(iovs + 8 * i, &base) || !c.Load32(iovs + 8 * i + 4, &len)) return kFault;
    if (!c.mem->InBounds(base, len)) return kFault;
    if (len != 0 && std::fwrite(c.mem->data + base, 1, len, out) != len) return kIo;
    total += len;
  }
  if (fd == 2) std::fflush(out);
  return c.Store32(nwritten, total) ? kSuccess : kFault;
}

uint32_t FdFdstatGet(Call& c, int*) {
  uint32_t fd = c.U32(0), buf = c.U32(1);
  uint8_t st[24] = {};
  if (fd <= 2) {
    st[0] = 2;  // character device
  } else if (PreopenOf(c.state, fd)) {
    st[0] = 3;  // directory
  } else {
    return kBadf;
  }
  uint64_t rights = ~uint64_t{0};
  std::memcpy(st + 8, &rights, 8);
  std::memcpy(st + 16, &rights, 8);
  return c.mem && c.mem->Write(buf, st, sizeof st) ? kSuccess : kFault;
}

uint32_t FdPrestatGet(Call& c, int*) {
  const Preopen* p = PreopenOf(c.state, c.U32(0));
  if (p == nullptr) return kBadf;
  uint8_t st[8] = {};
  uint32_t len = uint32_t(p->guest_path.size());
  std::memcpy(st + 4, &len, 4);
  return c.mem && c.mem->Write(c.U32(1), st, sizeof st) ? kSuccess : kFault;
}

uint32_t FdPrestatDirName(Call& c, int*) {
  const Preopen* p = PreopenOf(c.state, c.U32(0));
  if (p == nullptr) return kBadf;
  uint32_t len = c.U32(2);
  if (len < p->guest_path.size()) return kInval;
  return c.mem && c.mem->Write(c.U32(1), p->guest_path.data(), p->guest_path.size()) ? kSuccess
                                                                                      : kFault;
}

uint32_t ClockTimeGet(Call& c, int*) {
  clockid_t id;
  switch (c.U32(0)) {
    case 0: id = CLOCK_REALTIME; break;
    case 1: id = CLOCK_MONOTONIC; break;
    case 2: id = CLOCK_PROCESS_CPUTIME_ID; break;
    case 3: id = CLOCK_THREAD_CPUTIME_ID; break;
    default: return kInval;
  }
  timespec ts;
  clock_gettime(id, &ts);
  uint64_t ns = uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
  return c.Store64(c.U32(2), ns) ? kSuccess : kFault;
}

uint32_t ClockResGet(Call& c, int*) { return c.Store64(c.U32(1), 1) ? kSuccess : kFault; }

uint32_t RandomGet(Call& c, int*) {
  uint32_t buf = c.U32(0), len = c.U32(1);
  if (!c.mem || !c.mem->InBounds(buf, len)) return kFault;
  for (uint32_t done = 0; done < len;) {
    ssize_t n = getrandom(c.mem->data + buf + done, len - done, 0);
    if (n <= 0) return kIo;
    done += uint32_t(n);
  }
  return kSuccess;
}

uint32_t Nosys(Call&, int*) { return kNosys; }

const std::vector<Entry>& Functions() {
  static const std::vector<Entry> table = {
      {"args_get", "ii", [](Call& c, int*) { return PutStrings(c, c.state.config.args, c.U32(0), c.U32(1)); }},
      {"args_sizes_get", "ii", [](Call& c, int*) { return PutSizes(c, c.state.config.args, c.U32(0), c.U32(1)); }},
      {"environ_get", "ii", [](Call& c, int*) { return PutStrings(c, c.state.config.env, c.U32(0), c.U32(1)); }},
      {"environ_sizes_get", "ii", [](Call& c, int*) { return PutSizes(c, c.state.config.env, c.U32(0), c.U32(1)); }},
      {"clock_res_get", "ii", ClockResGet},
      {"clock_time_get", "iIi", ClockTimeGet},
      {"fd_write", "iiii", FdWrite},
      {"fd_close", "i", [](Call& c, int*) { return c.U32(0) <= 2 || PreopenOf(c.state, c.U32(0)) ? kSuccess : kBadf; }},
      {"fd_seek", "iIii", [](Call& c, int*) { return c.U32(0) <= 2 ? kSpipe : kBadf; }},
      {"fd_fdstat_get", "ii", FdFdstatGet},
      {"fd_fdstat_set_flags", "ii", Nosys},
      {"fd_prestat_get", "ii", FdPrestatGet},
      {"fd_prestat_dir_name", "iii", FdPrestatDirName},
      {"fd_read", "iiii", Nosys},
      {"fd_filestat_get", "ii", Nosys},
      {"fd_readdir", "iiiIi", Nosys},
      {"fd_sync", "i", Nosys},
      {"path_open", "iiiiiIIii", Nosys},
      {"path_filestat_get", "iiiii", Nosys},
      {"path_create_directory", "iii", Nosys},
      {"path_remove_directory", "iii", Nosys},
      {"path_unlink_file", "iii", Nosys},
      {"path_rename", "iiiiii", Nosys},
      {"poll_oneoff", "iiii", Nosys},
      {"sched_yield", "", [](Call&, int*) { return uint32_t(kSuccess); }},
      {"random_get", "ii", RandomGet},
      {"proc_raise", "i", Nosys},
      {"proc_exit", "i", [](Call& c, int* exit_code) { *exit_code = int(c.U32(0)); return uint32_t(0); }},
  };
  return table;
}

}  // namespace

void AddToLinker(Store& store, Linker& linker, std::shared_ptr<State> state) {
  for (const Entry& e : Functions()) {
    wasm::FuncType type;
    for (const char* p = e.params; *p; ++p) {
      type.params.push_back(*p == 'I' ? wasm::ValType::I64() : wasm::ValType::I32());
    }
    bool is_exit = std::strcmp(e.name, "proc_exit") == 0;
    if (!is_exit) type.results.push_back(wasm::ValType::I32());
    const Impl* impl = &e.impl;
    Func* f = store.CreateHostFunc(
        type,
        [impl, state, is_exit](HostContext& ctx, std::span<const Value> args,
                               std::span<Value> results) -> HostResult {
          Call c{ctx, *state, args, ctx.memory(0)};
          int exit_code = -1;
          uint32_t err = (*impl)(c, &exit_code);
          if (is_exit) {
            std::fflush(state->config.out);
            Trap t = Trap::Make(TrapKind::Exit, "exit with status " + std::to_string(exit_code));
            t.exit_code = exit_code;
            return t;
          }
          results[0] = Value::I32(err);
          return std::nullopt;
        },
        std::string(kModuleName) + "." + e.name);
    linker.Define(kModuleName, e.name, Extern::Of(f));
  }
}

}  // namespace minicc::runtime::wasi
