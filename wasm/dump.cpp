// Dump of a decoded module (`mwasm dump`). Walks the sections in the order the reader recorded
// them (Module::sections) and prints each one's entries from the module IR; code is shown one
// instruction per line with its offset, its raw bytes and its text. Nothing here parses bytes:
// offsets come from the IR and the -x hex view from the reader's own annotations.
#include "wasm/dump.h"
#include "wasm/text_printer.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <iterator>

namespace minicc::wasm {
namespace {

using Out = fmt::memory_buffer;

template <typename... Args> void Line(Out& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
  out.push_back('\n');
}

// A name as text: control characters, quotes and backslashes escaped (names are valid UTF-8).
std::string Escaped(std::string_view name) {
  std::string s;
  for (char ch : name) {
    auto c = static_cast<uint8_t>(ch);
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\')
      s += fmt::format("\\{:02x}", c);
    else
      s += ch;
  }
  return s;
}

std::string FuncRef(const Module& m, uint32_t index) {
  const std::string* name = m.FuncName(index);
  if (!name)
    return std::to_string(index);
  return fmt::format("{} <{}>", index, Escaped(*name));
}

std::string LimitsText(const Limits& l) {
  std::string s = fmt::format("min={}", l.min);
  if (l.max)
    s += fmt::format(" max={}", *l.max);
  if (l.is64)
    s += " i64";
  if (l.shared)
    s += " shared";
  if (l.page_size_log2)
    s += fmt::format(" pagesize={}", uint64_t{1} << *l.page_size_log2);
  return s;
}

std::string FieldText(const FieldType& f) {
  std::string t = f.packed == Packed::I8    ? "i8"
                  : f.packed == Packed::I16 ? "i16"
                                            : ToString(f.type);
  return f.mutable_ ? "mut " + t : t;
}

std::string SubTypeText(const SubType& st) {
  std::string s;
  if (st.explicit_sub) {
    s = st.final ? "sub final " : "sub ";
    for (uint32_t super : st.supertypes)
      s += fmt::format("(super {}) ", super);
  }
  switch (st.kind) {
  case CompositeKind::Func: return s + ToString(st.func);
  case CompositeKind::Struct: {
    s += "struct {";
    for (size_t i = 0; i < st.fields.size(); ++i)
      s += (i ? ", " : "") + FieldText(st.fields[i]);
    return s + "}";
  }
  case CompositeKind::Array:
    return s + "array " + (st.fields.empty() ? "?" : FieldText(st.fields[0]));
  }
  return s;
}

std::string TypeRef(const Module& m, uint32_t index) {
  if (index < m.types.size() && m.types[index].kind == CompositeKind::Func)
    return fmt::format("type {} {}", index, ToString(m.types[index].func));
  return fmt::format("type {}", index);
}

// The constant expression of a global, segment offset or table initialiser on one line.
std::string ExprText(const Module& m, const Expr& e) {
  std::string s;
  for (size_t i = 0; i + 1 < e.instrs.size(); ++i) {
    if (i)
      s += "; ";
    s += InstrText(m, e, e.instrs[i]);
  }
  return s.empty() ? "(empty)" : s;
}

std::string HexBytes(std::span<const uint8_t> bytes, size_t from, size_t to, size_t max) {
  std::string s;
  for (size_t i = from; i < to && i < bytes.size(); ++i) {
    if (i - from == max)
      return s + "..";
    if (i != from)
      s += ' ';
    s += fmt::format("{:02x}", bytes[i]);
  }
  return s;
}

std::string Preview(const std::vector<uint8_t>& bytes, size_t max) {
  std::string s = "\"";
  for (size_t i = 0; i < bytes.size() && i < max; ++i) {
    uint8_t c = bytes[i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
      s += char(c);
    else
      s += fmt::format("\\{:02x}", c);
  }
  s += '"';
  if (bytes.size() > max)
    s += "...";
  return s;
}

const char* ModeText(SegmentMode mode) {
  switch (mode) {
  case SegmentMode::Active: return "active";
  case SegmentMode::Passive: return "passive";
  case SegmentMode::Declarative: return "declarative";
  }
  return "?";
}

class Dumper {
public:
  Dumper(const Module& m, std::span<const uint8_t> bytes, Out& out)
      : m_(m), bytes_(bytes), out_(out) {}

  void Section(const SectionInfo& s, size_t custom_index) {
    Line(out_, "");
    std::string head = fmt::format(
        "{} (id {}) at {:#x}: start={:#010x} end={:#010x} (size={:#010x})", SectionName(s.id), s.id,
        s.offset, s.payload_offset, s.payload_offset + s.size, s.size);
    if (s.id == 0) {
      Line(out_, "{} \"{}\"", head, Escaped(s.name));
      Custom(custom_index);
      return;
    }
    size_t count = Count(s.id);
    if (s.id == 8)
      Line(out_, "{} start: func {}", head, FuncRef(m_, m_.start.value_or(0)));
    else if (s.id == 12)
      Line(out_, "{} count: {}", head, m_.data_count.value_or(0));
    else
      Line(out_, "{} count: {}", head, count);
    switch (s.id) {
    case 1: Types(); break;
    case 2: Imports(); break;
    case 3: Functions(); break;
    case 4: Tables(); break;
    case 5: Memories(); break;
    case 6: Globals(); break;
    case 7: Exports(); break;
    case 9: Elems(); break;
    case 10: Code(); break;
    case 11: Datas(); break;
    case 13: Tags(); break;
    default: break;
    }
  }

  size_t Count(uint8_t id) const {
    switch (id) {
    case 1: return m_.rec_groups.size();
    case 2: return m_.imports.size();
    case 3: return m_.functions.size();
    case 4: return m_.tables.size();
    case 5: return m_.memories.size();
    case 6: return m_.globals.size();
    case 7: return m_.exports.size();
    case 9: return m_.elems.size();
    case 10: return m_.functions.size();
    case 11: return m_.datas.size();
    case 13: return m_.tags.size();
    default: return 0;
    }
  }

private:
  std::string NameSuffix(uint32_t func) const {
    const std::string* name = m_.FuncName(func);
    return name ? " <" + Escaped(*name) + ">" : "";
  }

  void Types() {
    for (size_t g = 0; g < m_.rec_groups.size(); ++g) {
      auto [first, count] = m_.rec_groups[g];
      if (count != 1)
        Line(out_, "  rec group of {} types:", count);
      for (uint32_t i = first; i < first + count && i < m_.types.size(); ++i)
        Line(out_, "  {}type[{}] {}", count != 1 ? "  " : "", i, SubTypeText(m_.types[i]));
    }
  }

  void Imports() {
    uint32_t index[5] = {};
    for (const Import& imp : m_.imports) {
      uint32_t n = index[size_t(imp.kind)]++;
      std::string desc;
      switch (imp.kind) {
      case ExternKind::Func:
        desc = fmt::format("func[{}] -> {}", n, TypeRef(m_, imp.func_type));
        break;
      case ExternKind::Table:
        desc = fmt::format("table[{}] {} {}", n, ToString(imp.table.elem),
                           LimitsText(imp.table.limits));
        break;
      case ExternKind::Memory:
        desc = fmt::format("memory[{}] pages: {}", n, LimitsText(imp.memory.limits));
        break;
      case ExternKind::Global:
        desc = fmt::format("global[{}] {}{}", n, imp.global.mutable_ ? "mut " : "",
                           ToString(imp.global.type));
        break;
      case ExternKind::Tag:
        desc = fmt::format("tag[{}] -> {}", n, TypeRef(m_, imp.tag.type_index));
        break;
      }
      Line(out_, "  {} <- \"{}\".\"{}\"", desc, Escaped(imp.module), Escaped(imp.name));
    }
  }

  void Functions() {
    for (size_t i = 0; i < m_.functions.size(); ++i) {
      uint32_t index = m_.num_imported_funcs + uint32_t(i);
      Line(out_, "  func[{}]{} -> {}", index, NameSuffix(index),
           TypeRef(m_, m_.functions[i].type_index));
    }
  }

  void Tables() {
    for (size_t i = 0; i < m_.tables.size(); ++i) {
      const Table& t = m_.tables[i];
      std::string init = t.init ? " init: " + ExprText(m_, *t.init) : "";
      Line(out_, "  table[{}] {} {}{}", m_.num_imported_tables + i, ToString(t.type.elem),
           LimitsText(t.type.limits), init);
    }
  }

  void Memories() {
    for (size_t i = 0; i < m_.memories.size(); ++i)
      Line(out_, "  memory[{}] pages: {}", m_.num_imported_memories + i,
           LimitsText(m_.memories[i].type.limits));
  }

  void Globals() {
    for (size_t i = 0; i < m_.globals.size(); ++i) {
      const Global& g = m_.globals[i];
      Line(out_, "  global[{}] {}{} = {}", m_.num_imported_globals + i,
           g.type.mutable_ ? "mut " : "", ToString(g.type.type), ExprText(m_, g.init));
    }
  }

  void Exports() {
    for (size_t i = 0; i < m_.exports.size(); ++i) {
      const Export& e = m_.exports[i];
      std::string target =
          e.kind == ExternKind::Func ? FuncRef(m_, e.index) : std::to_string(e.index);
      Line(out_, "  export[{}] \"{}\" -> {} {}", i, Escaped(e.name), ToString(e.kind), target);
    }
  }

  void Elems() {
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      const ElemSegment& e = m_.elems[i];
      std::string where =
          e.mode == SegmentMode::Active
              ? fmt::format(" table {} offset: {}", e.table_index, ExprText(m_, e.offset))
              : "";
      Line(out_, "  elem[{}] {}{} {} x{}", i, ModeText(e.mode), where, ToString(e.elem_type),
           e.size());
      constexpr size_t kMaxItems = 16;
      for (size_t k = 0; k < e.size() && k < kMaxItems; ++k) {
        if (e.uses_exprs)
          Line(out_, "    [{}] {}", k, ExprText(m_, e.exprs[k]));
        else
          Line(out_, "    [{}] func {}", k, FuncRef(m_, e.func_indices[k]));
      }
      if (e.size() > kMaxItems)
        Line(out_, "    ... {} more", e.size() - kMaxItems);
    }
  }

  void Datas() {
    for (size_t i = 0; i < m_.datas.size(); ++i) {
      const DataSegment& d = m_.datas[i];
      std::string where =
          d.mode == SegmentMode::Active
              ? fmt::format(" memory {} offset: {}", d.memory_index, ExprText(m_, d.offset))
              : "";
      Line(out_, "  data[{}] {}{} size {}: {}", i, ModeText(d.mode), where, d.bytes.size(),
           Preview(d.bytes, 32));
    }
  }

  void Tags() {
    for (size_t i = 0; i < m_.tags.size(); ++i)
      Line(out_, "  tag[{}] -> {}", m_.num_imported_tags + i,
           TypeRef(m_, m_.tags[i].type.type_index));
  }

  void Code() {
    for (size_t i = 0; i < m_.functions.size(); ++i) {
      const Function& f = m_.functions[i];
      uint32_t index = m_.num_imported_funcs + uint32_t(i);
      Line(out_, "  func[{}]{} at {:#x} size {}", index, NameSuffix(index), f.body_offset,
           f.body_size);
      if (!f.locals.empty()) {
        std::string locals;
        for (const LocalGroup& g : f.locals)
          locals += fmt::format("{}{} {}", locals.empty() ? "" : ", ", g.count, ToString(g.type));
        Line(out_, "    locals: {}", locals);
      }
      const auto& instrs = f.body.instrs;
      int depth = 0;
      for (size_t k = 0; k < instrs.size(); ++k) {
        const Instr& in = instrs[k];
        size_t end = k + 1 < instrs.size() ? instrs[k + 1].offset : in.offset + 1;
        Opcode op = in.op;
        if (op == Opcode::End || op == Opcode::Else || op == Opcode::Catch ||
            op == Opcode::CatchAll || op == Opcode::Delegate)
          depth = depth > 0 ? depth - 1 : 0;
        Line(out_, "    {:06x}: {:<24} | {:{}}{}", in.offset, HexBytes(bytes_, in.offset, end, 8),
             "", depth * 2, InstrText(m_, f.body, in));
        if (op == Opcode::Block || op == Opcode::Loop || op == Opcode::If || op == Opcode::Else ||
            op == Opcode::Try || op == Opcode::TryTable || op == Opcode::Catch ||
            op == Opcode::CatchAll)
          ++depth;
      }
    }
  }

  void Custom(size_t index) {
    if (index >= m_.customs.size())
      return;
    const CustomSection& c = m_.customs[index];
    if (c.name == "name" && (m_.names.module || !m_.names.functions.empty())) {
      if (m_.names.module)
        Line(out_, "  module name: \"{}\"", *m_.names.module);
      for (const auto& [idx, name] : m_.names.functions)
        Line(out_, "  func[{}] \"{}\"", idx, name);
      for (const auto& [func, locals] : m_.names.locals)
        for (const auto& [idx, name] : locals)
          Line(out_, "  func[{}] local[{}] \"{}\"", func, idx, name);
      return;
    }
    Line(out_, "  payload {} bytes: {}", c.bytes.size(), Preview(c.bytes, 32));
  }

  const Module& m_;
  std::span<const uint8_t> bytes_;
  Out& out_;
};

void HexView(std::span<const uint8_t> bytes, const std::vector<Annotation>& notes, Out& out) {
  Line(out, "");
  Line(out, "Annotated bytes:");
  size_t pos = 0;
  auto emit = [&](size_t from, size_t to, std::string_view what) {
    for (size_t at = from; at < to; at += 8) {
      size_t end = std::min(to, at + 8);
      Line(out, "  {:06x}: {:<24} {}", at, HexBytes(bytes, at, end, 8), at == from ? what : "");
    }
  };
  for (const Annotation& a : notes) {
    if (a.offset > pos)
      emit(pos, a.offset, "(not decoded)");
    if (a.offset + a.size <= pos && a.size != 0)
      continue; // already shown
    emit(a.offset, a.offset + a.size, a.what);
    if (a.size == 0)
      Line(out, "  {:06x}: {:<24} {}", a.offset, "", a.what);
    pos = std::max<size_t>(pos, a.offset + a.size);
  }
  if (pos < bytes.size())
    emit(pos, bytes.size(), "(not decoded)");
}

} // namespace

std::string_view SectionName(uint8_t id) {
  static constexpr std::string_view kNames[] = {
      "Custom", "Type",  "Import", "Function", "Table", "Memory",    "Global",
      "Export", "Start", "Elem",   "Code",     "Data",  "DataCount", "Tag"};
  return id < std::size(kNames) ? kNames[id] : "Unknown";
}

std::string InstrText(const Module& m, const Expr& e, const Instr& in) {
  InstrStyle style;
  style.func = [&m](uint32_t f) { return FuncRef(m, f); };
  style.decimal_floats = true;
  return InstrText(e, in, style);
}

std::string DumpModule(const Module& module, std::span<const uint8_t> bytes,
                       const DumpOptions& options) {
  Out out;
  Line(out, "magic 00 61 73 6d, version {}",
       bytes.size() >= 8 ? uint32_t(bytes[4]) | uint32_t(bytes[5]) << 8 | uint32_t(bytes[6]) << 16 |
                               uint32_t(bytes[7]) << 24
                         : 1u);
  Dumper dumper(module, bytes, out);
  size_t custom_index = 0;
  for (const SectionInfo& s : module.sections) {
    if (options.sections_only) {
      std::string tail = s.id == 0 ? fmt::format("\"{}\"", Escaped(s.name))
                                   : fmt::format("count: {}", dumper.Count(s.id));
      Line(out, "{:>9} start={:#010x} end={:#010x} (size={:#010x}) {}", SectionName(s.id),
           s.payload_offset, s.payload_offset + s.size, s.size, tail);
      continue;
    }
    dumper.Section(s, s.id == 0 ? custom_index : 0);
    if (s.id == 0)
      ++custom_index;
  }
  if (options.annotations)
    HexView(bytes, *options.annotations, out);
  return fmt::to_string(out);
}

} // namespace minicc::wasm
