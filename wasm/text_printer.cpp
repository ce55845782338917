// Text printer: writes a Module as WAT in wabt's flat `wasm2wat` style. Instruction names and
// immediate kinds come from opcodes.def (Info(op)); the printer only knows how each ImmKind is
// spelled. Every choice that matters for the binary is printed explicitly so that an assembler
// gives back the same bytes: type uses as `(type N)` with their params/results, block types by
// index where the binary used an index, memory indices, alignments and element-segment forms.
#include "wasm/text_printer.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <vector>

#include <fmt/core.h>

namespace minicc::wasm {
namespace {

// Spec 6.3.5 identifiers: idchar = 0-9 a-z A-Z ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~
bool IsIdChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return true;
  return std::strchr("!#$%&'*+-./:<=>?@\\^_`|~", c) != nullptr && c != '\0';
}

bool IsValidId(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (!IsIdChar(c))
      return false;
  return true;
}

// Hex float text of a finite nonzero or zero value given sign, biased exponent and mantissa.
std::string HexFloat(bool neg, int biased_exp, uint64_t mantissa, int mant_bits, int bias) {
  std::string s = neg ? "-" : "";
  if (biased_exp == 0 && mantissa == 0)
    return s + "0x0p+0";
  // Left-align the mantissa on a hex-digit boundary and trim trailing zero digits.
  int digits = (mant_bits + 3) / 4;
  uint64_t m = mantissa << (digits * 4 - mant_bits);
  std::string frac;
  for (int i = digits - 1; i >= 0; --i)
    frac += "0123456789abcdef"[(m >> (i * 4)) & 0xF];
  while (!frac.empty() && frac.back() == '0')
    frac.pop_back();
  int exp = biased_exp == 0 ? 1 - bias : biased_exp - bias;
  s += biased_exp == 0 ? "0x0" : "0x1";
  if (!frac.empty())
    s += "." + frac;
  return s + fmt::format("p{:+}", exp);
}

std::string LimitsText(const Limits& l) {
  std::string s = l.is64 ? "i64 " : "";
  s += std::to_string(l.min);
  if (l.max)
    s += " " + std::to_string(*l.max);
  if (l.shared)
    s += " shared";
  if (l.page_size_log2)
    s += fmt::format(" (pagesize {})", uint64_t{1} << *l.page_size_log2);
  return s;
}

std::string FieldTypeText(const FieldType& f) {
  std::string t = f.packed == Packed::I8    ? "i8"
                  : f.packed == Packed::I16 ? "i16"
                                            : ToString(f.type);
  return f.mutable_ ? "(mut " + t + ")" : t;
}

std::string GlobalTypeText(const GlobalType& g) {
  return g.mutable_ ? "(mut " + ToString(g.type) + ")" : ToString(g.type);
}

std::string TypeList(const char* keyword, const std::vector<ValType>& types) {
  if (types.empty())
    return "";
  std::string s = fmt::format(" ({}", keyword);
  for (const ValType& t : types)
    s += " " + ToString(t);
  return s + ")";
}

std::string ParamsResults(const FuncType& f) {
  return TypeList("param", f.params) + TypeList("result", f.results);
}

const FuncType* FuncTypeAt(const Module* m, uint32_t index) {
  if (m && index < m->types.size() && m->types[index].kind == CompositeKind::Func)
    return &m->types[index].func;
  return nullptr;
}

// typeuse: `(type N)` followed by the params and results (which must match it) when the
// module is known.
std::string TypeUse(const Module* m, uint32_t index) {
  std::string s = fmt::format("(type {})", index);
  if (const FuncType* f = FuncTypeAt(m, index))
    s += ParamsResults(*f);
  return s;
}

std::string BlockTypeText(const Module* m, const Expr& e, uint32_t index) {
  const BlockType& bt = e.block_types[index];
  switch (bt.kind) {
  case BlockType::Kind::Empty: return "";
  case BlockType::Kind::Value: return " (result " + ToString(bt.value) + ")";
  case BlockType::Kind::Index: return " " + TypeUse(m, bt.index);
  }
  return "";
}

// memarg: memidx (when not 0), offset (when not 0), align (when not the natural one).
std::string MemArgText(const Instr& in, uint8_t natural_align) {
  std::string s;
  if (in.b != 0)
    s += fmt::format(" {}", in.b);
  if (in.c != 0)
    s += fmt::format(" offset={}", in.c);
  if (in.a != natural_align)
    s += fmt::format(" align={}", uint64_t{1} << (in.a & 63));
  return s;
}

std::string RefTypeText(HeapType h, bool null) {
  return fmt::format("(ref {}{})", null ? "null " : "", ToString(h));
}

// Shortest decimal that reads back to the same value (NaNs as nan:0x with their payload).
std::string DecimalFloat(uint64_t bits, bool is64) {
  double v = is64 ? std::bit_cast<double>(bits) : double(std::bit_cast<float>(uint32_t(bits)));
  if (std::isnan(v)) {
    uint64_t payload = is64 ? bits & ((uint64_t{1} << 52) - 1) : bits & ((1u << 23) - 1);
    bool neg = is64 ? bits >> 63 : (bits >> 31) & 1;
    return fmt::format("{}nan:{:#x}", neg ? "-" : "", payload);
  }
  if (std::isinf(v))
    return v < 0 ? "-inf" : "inf";
  return is64 ? fmt::format("{}", v) : fmt::format("{}", float(v));
}

class Printer {
public:
  explicit Printer(const Module& m) : m_(m) { CollectNames(); }

  std::string Run() {
    out_ = "(module";
    if (m_.names.module && IsValidId(*m_.names.module))
      out_ += " $" + *m_.names.module;
    Types();
    Imports();
    Functions();
    Tables();
    Memories();
    Tags();
    Globals();
    Exports();
    if (m_.start) {
      Open();
      out_ += "(start " + FuncId(*m_.start) + ")";
    }
    Elems();
    Datas();
    out_ += ")\n";
    return std::move(out_);
  }

private:
  // --- names
  void CollectNames() {
    std::set<std::string> seen;
    for (const auto& [index, name] : m_.names.functions) {
      if (index < m_.NumFuncs() && IsValidId(name) && seen.insert(name).second &&
          !func_names_.count(index))
        func_names_[index] = name;
    }
    for (const auto& [func, locals] : m_.names.locals) {
      std::set<std::string> local_seen;
      auto& map = local_names_[func];
      for (const auto& [index, name] : locals)
        if (IsValidId(name) && local_seen.insert(name).second && !map.count(index))
          map[index] = name;
    }
  }

  std::string FuncId(uint32_t index) const {
    auto it = func_names_.find(index);
    return it != func_names_.end() ? "$" + it->second : std::to_string(index);
  }

  // The definition's id: `$name` or the index comment `(;N;)`.
  std::string FuncDefId(uint32_t index) const {
    auto it = func_names_.find(index);
    return it != func_names_.end() ? "$" + it->second : fmt::format("(;{};)", index);
  }

  const std::string* LocalName(uint32_t func, uint32_t local) const {
    auto f = local_names_.find(func);
    if (f == local_names_.end())
      return nullptr;
    auto it = f->second.find(local);
    return it != f->second.end() ? &it->second : nullptr;
  }

  // --- layout
  void Open(int indent = 1) {
    out_ += '\n';
    out_.append(size_t(indent) * 2, ' ');
  }

  // --- types
  void Types() {
    std::vector<std::pair<uint32_t, uint32_t>> groups = m_.rec_groups;
    if (groups.empty())
      for (uint32_t i = 0; i < m_.types.size(); ++i)
        groups.emplace_back(i, 1);
    for (auto [first, count] : groups) {
      if (count != 1) {
        Open();
        out_ += "(rec";
        for (uint32_t i = first; i < first + count && i < m_.types.size(); ++i) {
          Open(2);
          TypeDef(i);
        }
        out_ += ")";
      } else if (first < m_.types.size()) {
        Open();
        TypeDef(first);
      }
    }
  }

  void TypeDef(uint32_t index) {
    const SubType& st = m_.types[index];
    out_ += fmt::format("(type (;{};) ", index);
    if (st.explicit_sub) {
      out_ += st.final ? "(sub final" : "(sub";
      for (uint32_t super : st.supertypes)
        out_ += fmt::format(" {}", super);
      out_ += " ";
    }
    switch (st.kind) {
    case CompositeKind::Func: out_ += "(func" + ParamsResults(st.func) + ")"; break;
    case CompositeKind::Struct:
      out_ += "(struct";
      for (const FieldType& f : st.fields)
        out_ += " (field " + FieldTypeText(f) + ")";
      out_ += ")";
      break;
    case CompositeKind::Array:
      out_ += "(array" + (st.fields.empty() ? "" : " " + FieldTypeText(st.fields[0])) + ")";
      break;
    }
    if (st.explicit_sub)
      out_ += ")";
    out_ += ")";
  }

  // --- imports
  void Imports() {
    uint32_t counts[5] = {};
    for (const Import& imp : m_.imports) {
      Open();
      out_ +=
          fmt::format("(import \"{}\" \"{}\" (", QuotedString(imp.module), QuotedString(imp.name));
      uint32_t index = counts[size_t(imp.kind)]++;
      switch (imp.kind) {
      case ExternKind::Func:
        out_ += "func " + FuncDefId(index) + " " + TypeUse(&m_, imp.func_type);
        break;
      case ExternKind::Table:
        out_ += fmt::format("table (;{};) {} {}", index, LimitsText(imp.table.limits),
                            ToString(imp.table.elem));
        break;
      case ExternKind::Memory:
        out_ += fmt::format("memory (;{};) {}", index, LimitsText(imp.memory.limits));
        break;
      case ExternKind::Global:
        out_ += fmt::format("global (;{};) {}", index, GlobalTypeText(imp.global));
        break;
      case ExternKind::Tag:
        out_ += fmt::format("tag (;{};) {}", index, TypeUse(&m_, imp.tag.type_index));
        break;
      }
      out_ += "))";
    }
  }

  // --- functions
  void Functions() {
    for (uint32_t i = 0; i < m_.functions.size(); ++i) {
      const Function& f = m_.functions[i];
      uint32_t index = m_.num_imported_funcs + i;
      Open();
      out_ += "(func " + FuncDefId(index) + fmt::format(" (type {})", f.type_index);
      uint32_t local = 0;
      const FuncType* type = FuncTypeAt(&m_, f.type_index);
      if (type) {
        // Params one by one when any is named (a named param is a group of one).
        bool named = false;
        for (uint32_t p = 0; p < type->params.size(); ++p)
          named = named || LocalName(index, p);
        if (named) {
          for (const ValType& t : type->params)
            out_ += LocalDecl("param", index, local++, t);
        } else {
          out_ += TypeList("param", type->params);
          local = uint32_t(type->params.size());
        }
        out_ += TypeList("result", type->results);
      }
      // One `(local ...)` per declared group keeps the binary's grouping; named locals are
      // declared one by one. A zero-count group has no text form and is dropped.
      std::vector<std::string> decls;
      for (const LocalGroup& g : f.locals) {
        bool named = false;
        for (uint32_t k = 0; k < g.count && !named && k < 64; ++k)
          named = LocalName(index, local + k) != nullptr;
        if (g.count == 0)
          continue;
        if (named) {
          for (uint32_t k = 0; k < g.count; ++k)
            decls.push_back(LocalDecl("local", index, local++, g.type).substr(1));
        } else {
          std::string d = "(local";
          for (uint32_t k = 0; k < g.count; ++k)
            d += " " + ToString(g.type);
          decls.push_back(d + ")");
          local += g.count;
        }
      }
      if (!decls.empty()) {
        Open(2);
        for (size_t k = 0; k < decls.size(); ++k)
          out_ += (k ? " " : "") + decls[k];
      }
      Body(index, f.body, 2);
      out_ += ")";
    }
  }

  std::string LocalDecl(const char* keyword, uint32_t func, uint32_t local, ValType t) const {
    if (const std::string* name = LocalName(func, local))
      return fmt::format(" ({} ${} {})", keyword, *name, ToString(t));
    return fmt::format(" ({} {})", keyword, ToString(t));
  }

  // Prints the instructions of a function body, one per line, nested blocks indented. The
  // final `end` is implied by the closing parenthesis.
  void Body(uint32_t func, const Expr& e, int indent) {
    size_t n = e.instrs.size();
    if (n && e.instrs[n - 1].op == Opcode::End)
      --n;
    for (size_t i = 0; i < n; ++i) {
      const Instr& in = e.instrs[i];
      switch (in.op) {
      case Opcode::End:
      case Opcode::Delegate: --indent; break;
      default: break;
      }
      bool mid = in.op == Opcode::Else || in.op == Opcode::Catch || in.op == Opcode::CatchAll;
      Open(mid ? indent - 1 : indent);
      out_ += Instruction(func, e, in);
      switch (in.op) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If:
      case Opcode::Try:
      case Opcode::TryTable: ++indent; break;
      default: break;
      }
    }
  }

  // A constant expression in a field: `(i32.const 0)` for one instruction; several are each
  // folded without operands, `(global.get 0) (ref.i31)`, inside `(keyword ...)` (offset, item)
  // when one is given. (Folded, because not every reader takes flat code in these places.)
  std::string ConstExpr(const Expr& e, const char* keyword) {
    size_t n = e.instrs.size();
    if (n && e.instrs[n - 1].op == Opcode::End)
      --n;
    if (n == 1)
      return "(" + Instruction(UINT32_MAX, e, e.instrs[0]) + ")";
    std::string s;
    for (size_t i = 0; i < n; ++i)
      s += (i ? " (" : "(") + Instruction(UINT32_MAX, e, e.instrs[i]) + ")";
    return keyword[0] ? fmt::format("({}{}{})", keyword, n ? " " : "", s) : s;
  }

  // An instruction in the printer's style: $ids for named functions and locals (`func` is the
  // enclosing function, UINT32_MAX in constant expressions), full type uses, hex floats.
  std::string Instruction(uint32_t func, const Expr& e, const Instr& in) const {
    InstrStyle style;
    style.module = &m_;
    style.func = [this](uint32_t f) { return FuncId(f); };
    style.local = [this, func](uint32_t l) {
      const std::string* name = LocalName(func, l);
      return name ? "$" + *name : std::to_string(l);
    };
    return InstrText(e, in, style);
  }

  // --- tables, memories, tags, globals
  void Tables() {
    for (uint32_t i = 0; i < m_.tables.size(); ++i) {
      const Table& t = m_.tables[i];
      Open();
      out_ += fmt::format("(table (;{};) {} {}", m_.num_imported_tables + i,
                          LimitsText(t.type.limits), ToString(t.type.elem));
      if (t.init)
        out_ += " " + ConstExpr(*t.init, "");
      out_ += ")";
    }
  }

  void Memories() {
    for (uint32_t i = 0; i < m_.memories.size(); ++i) {
      Open();
      out_ += fmt::format("(memory (;{};) {})", m_.num_imported_memories + i,
                          LimitsText(m_.memories[i].type.limits));
    }
  }

  void Tags() {
    for (uint32_t i = 0; i < m_.tags.size(); ++i) {
      Open();
      out_ += fmt::format("(tag (;{};) {})", m_.num_imported_tags + i,
                          TypeUse(&m_, m_.tags[i].type.type_index));
    }
  }

  void Globals() {
    for (uint32_t i = 0; i < m_.globals.size(); ++i) {
      const Global& g = m_.globals[i];
      Open();
      out_ += fmt::format("(global (;{};) {} {})", m_.num_imported_globals + i,
                          GlobalTypeText(g.type), ConstExpr(g.init, ""));
    }
  }

  void Exports() {
    for (const Export& x : m_.exports) {
      Open();
      std::string index = x.kind == ExternKind::Func ? FuncId(x.index) : std::to_string(x.index);
      out_ += fmt::format("(export \"{}\" ({} {}))", QuotedString(x.name), ToString(x.kind), index);
    }
  }

  // --- segments
  void Elems() {
    for (uint32_t i = 0; i < m_.elems.size(); ++i) {
      const ElemSegment& seg = m_.elems[i];
      Open();
      out_ += fmt::format("(elem (;{};)", i);
      switch (seg.mode) {
      case SegmentMode::Active:
        // Flags 2 and 6 name the table even when it is table 0.
        if (seg.table_index != 0 || (seg.flags & 2))
          out_ += fmt::format(" (table {})", seg.table_index);
        out_ += " " + ConstExpr(seg.offset, "offset");
        break;
      case SegmentMode::Passive: break;
      case SegmentMode::Declarative: out_ += " declare"; break;
      }
      if (!seg.uses_exprs) {
        // Flag 0 has no element kind in the binary; the text may say `func` either way.
        out_ += " func";
        for (uint32_t f : seg.func_indices)
          out_ += " " + FuncId(f);
      } else {
        out_ += " " + ToString(seg.elem_type);
        for (const Expr& item : seg.exprs)
          out_ += " " + ConstExpr(item, "item");
      }
      out_ += ")";
    }
  }

  void Datas() {
    for (uint32_t i = 0; i < m_.datas.size(); ++i) {
      const DataSegment& seg = m_.datas[i];
      Open();
      out_ += fmt::format("(data (;{};)", i);
      if (seg.mode == SegmentMode::Active) {
        if (seg.memory_index != 0 || seg.flags == 2)
          out_ += fmt::format(" (memory {})", seg.memory_index);
        out_ += " " + ConstExpr(seg.offset, "offset");
      }
      std::string_view bytes(reinterpret_cast<const char*>(seg.bytes.data()), seg.bytes.size());
      out_ += " \"" + QuotedString(bytes) + "\")";
    }
  }

  const Module& m_;
  std::string out_;
  std::map<uint32_t, std::string> func_names_;
  std::map<uint32_t, std::map<uint32_t, std::string>> local_names_;
};

} // namespace

std::string F32Text(uint32_t bits) {
  bool neg = bits >> 31;
  int exp = int((bits >> 23) & 0xFF);
  uint32_t mant = bits & 0x7FFFFF;
  if (exp == 0xFF) {
    std::string sign = neg ? "-" : "";
    if (mant == 0)
      return sign + "inf";
    return mant == 0x400000 ? sign + "nan" : fmt::format("{}nan:{:#x}", sign, mant);
  }
  return HexFloat(neg, exp, mant, 23, 127);
}

std::string F64Text(uint64_t bits) {
  bool neg = bits >> 63;
  int exp = int((bits >> 52) & 0x7FF);
  uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  if (exp == 0x7FF) {
    std::string sign = neg ? "-" : "";
    if (mant == 0)
      return sign + "inf";
    return mant == (uint64_t{1} << 51) ? sign + "nan" : fmt::format("{}nan:{:#x}", sign, mant);
  }
  return HexFloat(neg, exp, mant, 52, 1023);
}

std::string QuotedString(std::string_view bytes) {
  std::string s;
  s.reserve(bytes.size());
  for (char ch : bytes) {
    auto c = static_cast<uint8_t>(ch);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
      s += fmt::format("\\{:02x}", c);
    else
      s += ch;
  }
  return s;
}

std::string InstrText(const Expr& e, const Instr& in, const InstrStyle& style) {
  const OpcodeInfo& info = Info(in.op);
  const Module* m = style.module;
  std::string s(info.name);
  switch (info.imm) {
  case ImmKind::None:
  case ImmKind::Fence: break;
  case ImmKind::BlockType: s += BlockTypeText(m, e, in.a); break;
  case ImmKind::Label:
  case ImmKind::Type:
  case ImmKind::Global:
  case ImmKind::Table:
  case ImmKind::Data:
  case ImmKind::Elem:
  case ImmKind::Tag: s += fmt::format(" {}", in.a); break;
  case ImmKind::Local: s += " " + (style.local ? style.local(in.a) : std::to_string(in.a)); break;
  case ImmKind::Memory:
    if (in.a)
      s += fmt::format(" {}", in.a);
    break;
  case ImmKind::Func: s += " " + (style.func ? style.func(in.a) : std::to_string(in.a)); break;
  case ImmKind::BrTable:
    for (uint32_t i = 0; i < in.b; ++i)
      s += fmt::format(" {}", e.u32s[in.a + i]);
    break;
  case ImmKind::CallIndirect:
    if (in.b)
      s += fmt::format(" {}", in.b);
    s += " " + TypeUse(m, in.a);
    break;
  case ImmKind::MemArg: s += MemArgText(in, info.natural_align); break;
  case ImmKind::MemArgLane:
    s += MemArgText(in, info.natural_align) + fmt::format(" {}", in.lane);
    break;
  case ImmKind::I32: s += fmt::format(" {}", int32_t(uint32_t(in.c))); break;
  case ImmKind::I64: s += fmt::format(" {}", int64_t(in.c)); break;
  case ImmKind::F32:
    s += " " + (style.decimal_floats ? DecimalFloat(in.c, false) : F32Text(uint32_t(in.c)));
    break;
  case ImmKind::F64:
    s += " " + (style.decimal_floats ? DecimalFloat(in.c, true) : F64Text(in.c));
    break;
  case ImmKind::V128: {
    const V128& v = e.v128s[in.a];
    s += " i32x4";
    for (int i = 0; i < 4; ++i) {
      uint32_t lane;
      std::memcpy(&lane, v.data() + 4 * i, 4);
      s += fmt::format(" {:#010x}", lane);
    }
    break;
  }
  case ImmKind::Shuffle:
    for (uint8_t b : e.v128s[in.a])
      s += fmt::format(" {}", b);
    break;
  case ImmKind::Lane: s += fmt::format(" {}", in.lane); break;
  case ImmKind::SelectT: {
    std::vector<ValType> types(e.val_types.begin() + in.a, e.val_types.begin() + in.a + in.b);
    s += types.empty() ? " (result)" : TypeList("result", types);
    break;
  }
  case ImmKind::HeapType:
    if (in.op == Opcode::RefNull)
      s += " " + ToString(e.heap_types[in.a]);
    else
      s += " " + RefTypeText(e.heap_types[in.a],
                             in.op == Opcode::RefTestNull || in.op == Opcode::RefCastNull);
    break;
  case ImmKind::MemoryInit:
  case ImmKind::TableInit:
    // memory.init memidx? dataidx / table.init tableidx? elemidx
    s += in.b ? fmt::format(" {} {}", in.b, in.a) : fmt::format(" {}", in.a);
    break;
  case ImmKind::MemoryCopy:
  case ImmKind::TableCopy:
    if (in.a || in.b)
      s += fmt::format(" {} {}", in.a, in.b);
    break;
  case ImmKind::TryTable: {
    s += BlockTypeText(m, e, in.a);
    static constexpr const char* kKinds[] = {"catch", "catch_ref", "catch_all", "catch_all_ref"};
    for (uint64_t i = 0; i < in.c; ++i) {
      const Catch& c = e.catches[in.b + i];
      s += fmt::format(" ({}", kKinds[size_t(c.kind)]);
      if (c.kind == Catch::Kind::Catch || c.kind == Catch::Kind::CatchRef)
        s += fmt::format(" {}", c.tag);
      s += fmt::format(" {})", c.label);
    }
    break;
  }
  case ImmKind::TypeField:
  case ImmKind::TypeType:
  case ImmKind::TypeU32:
  case ImmKind::TypeData:
  case ImmKind::TypeElem: s += fmt::format(" {} {}", in.a, in.b); break;
  case ImmKind::BrOnCast:
    s += fmt::format(" {} {} {}", in.a, RefTypeText(e.heap_types[in.b], in.lane & 1),
                     RefTypeText(e.heap_types[in.b + 1], in.lane & 2));
    break;
  }
  return s;
}

std::string PrintModule(const Module& module) {
  return Printer(module).Run();
}

} // namespace minicc::wasm
