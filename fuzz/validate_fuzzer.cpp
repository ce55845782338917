// libFuzzer target over the binary reader and the validator. For every input, under both
// --spec=2.0 and 3.0: reading gives a Module or an Error (never a crash, hang or leak); when it
// gives a Module, Check() and Validate() must reach the same verdict with the same message, and
// a validated module's side tables must be well formed (sizes, matching ends, heights within
// max_height). A violated property aborts, which libFuzzer reports as a crash.
#include <cstdio>
#include <cstdlib>

#include "wasm/binary_reader.h"
#include "wasm/validator.h"

using namespace minicc;

namespace {

[[noreturn]] void Violated(const char* what) {
  std::fprintf(stderr, "validate_fuzzer: property violated: %s\n", what);
  std::abort();
}

void CheckSideTables(const wasm::ValidatedModule& v) {
  const wasm::Module& m = v.module();
  if (v.side_tables().size() != m.functions.size()) Violated("one side table per function");
  for (size_t f = 0; f < m.functions.size(); ++f) {
    const auto& instrs = m.functions[f].body.instrs;
    const wasm::FunctionSideTable& st = v.side_table(uint32_t(f));
    const size_t n = instrs.size();
    if (st.height.size() != n || st.match.size() != n || st.else_index.size() != n ||
        st.unreachable.size() != n) {
      Violated("side-table vectors are index-aligned with the body");
    }
    if (st.local_types.size() != st.num_locals) Violated("num_locals == local_types.size()");
    for (size_t i = 0; i < n; ++i) {
      if (st.height[i] > st.max_height) Violated("height <= max_height");
      wasm::Opcode op = instrs[i].op;
      bool opens = op == wasm::Opcode::Block || op == wasm::Opcode::Loop ||
                   op == wasm::Opcode::If || op == wasm::Opcode::TryTable;
      if (opens) {
        uint32_t end = st.match[i];
        if (end >= n || end <= i || instrs[end].op != wasm::Opcode::End) {
          Violated("a block's match is a later `end`");
        }
      }
      if (op == wasm::Opcode::If && st.else_index[i] != wasm::kNoIndex) {
        uint32_t e = st.else_index[i];
        if (e >= n || instrs[e].op != wasm::Opcode::Else || st.match[e] != st.match[i]) {
          Violated("an if's else_index is its `else`, which matches the same `end`");
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (wasm::SpecVersion spec : {wasm::SpecVersion::V2, wasm::SpecVersion::V3}) {
    wasm::ReadOptions read_options;
    read_options.spec = spec;
    auto module = wasm::ReadModule({data, size}, read_options);
    if (!module) continue;
    wasm::ValidateOptions options;
    options.spec = spec;
    support::Status checked = wasm::Check(*module, options);
    auto validated = wasm::Validate(std::move(*module), options);
    if (checked.ok() != validated.ok()) Violated("Check and Validate agree");
    if (!validated) {
      if (checked.error().message != validated.error().message) {
        Violated("Check and Validate give the same message");
      }
      continue;
    }
    CheckSideTables(*validated);
  }
  return 0;
}
