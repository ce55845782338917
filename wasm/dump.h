// Dump: a decoded module as a reader of the binary wants to see it (`mwasm dump`): the
// header, each section with its offsets and entries, the code disassembled with offsets and
// raw bytes, and optionally every byte annotated by the reader itself (ReadObserver).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasm/binary_reader.h"
#include "wasm/module.h"

namespace minicc::wasm {

// One annotated byte range, as reported by the reader.
struct Annotation {
  uint32_t offset = 0;
  uint32_t size = 0;
  std::string what;
};

// Collects the reader's annotations in order (pass it as ReadOptions::observer).
class AnnotationCollector : public ReadObserver {
public:
  void Annotate(uint32_t offset, uint32_t size, std::string_view what) override {
    annotations.push_back({offset, size, std::string(what)});
  }
  std::vector<Annotation> annotations;
};

struct DumpOptions {
  bool sections_only = false; // only the section list (like `wasm-objdump -h`)
  // When non-null, an annotated hex view of every byte follows the dump.
  const std::vector<Annotation>* annotations = nullptr;
};

// `bytes` are the ones `module` was read from (offsets and raw bytes are shown from them).
std::string DumpModule(const Module& module, std::span<const uint8_t> bytes,
                       const DumpOptions& options = {});

// The text of one instruction, e.g. `local.get 0`, `i32.const -1`, `call 3 <name>`.
std::string InstrText(const Module& module, const Expr& expr, const Instr& instr);

// The section's name as wabt spells it (Type, Import, ..., DataCount, Tag, Custom).
std::string_view SectionName(uint8_t id);

} // namespace minicc::wasm
