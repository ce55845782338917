// Binary reader: bytes -> Module (spec chapter 5, "Binary Format").
//
// One pass over the input with a cursor bounded by the current section (or function body).
// Every read checks the bound first, every count is checked against the bytes left before
// anything is reserved, and the first malformed construct stops the read with the message the
// spec test suites expect and its byte offset. Function bodies are decoded into Instr records
// (module.h documents where each immediate kind is stored). An optional ReadObserver is told
// what every byte range means; `mwasm dump -x` prints that, so there is no second parser.
#include "wasm/binary_reader.h"

#include <fmt/format.h>

#include <cstring>
#include <string>
#include <utility>

#include "wasm/leb128.h"

namespace minicc::wasm {
namespace {

using support::Error;
using support::Expected;

enum SectionId : uint8_t {
  kCustomId = 0,
  kTypeId = 1,
  kImportId = 2,
  kFunctionId = 3,
  kTableId = 4,
  kMemoryId = 5,
  kGlobalId = 6,
  kExportId = 7,
  kStartId = 8,
  kElemId = 9,
  kCodeId = 10,
  kDataId = 11,
  kDataCountId = 12,
  kTagId = 13,
};

// Position of each known section in the required order (tag sits between memory and global,
// data count between element and code).
constexpr int kSectionRank[14] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

constexpr uint32_t kMaxLocals = 0xFFFFFFFFu;

// The abstract heap types' one-byte codes (also the shorthand reference value types).
std::optional<HeapKind> AbstractHeap(uint8_t b) {
  switch (b) {
  case 0x70: return HeapKind::Func;
  case 0x6F: return HeapKind::Extern;
  case 0x6E: return HeapKind::Any;
  case 0x6D: return HeapKind::Eq;
  case 0x6C: return HeapKind::I31;
  case 0x6B: return HeapKind::Struct;
  case 0x6A: return HeapKind::Array;
  case 0x69: return HeapKind::Exn;
  case 0x74: return HeapKind::NoExn;
  case 0x73: return HeapKind::NoFunc;
  case 0x72: return HeapKind::NoExtern;
  case 0x71: return HeapKind::None;
  default: return std::nullopt;
  }
}

// UTF-8 validation (spec 5.2.4 names): shortest forms only, no surrogates, <= U+10FFFF.
bool ValidUtf8(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else
      return false;
    if (i + len > n)
      return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

class Reader {
public:
  Reader(std::span<const uint8_t> bytes, const ReadOptions& options)
      : data_(bytes.data()), size_(bytes.size()), limit_(bytes.size()), options_(options),
        v2_(Before30(options.spec)), threads_(options.spec == SpecVersion::Threads), obs_(options.observer) {}

  Expected<Module> Run() {
    if (!ReadModuleBody())
      return std::move(*error_);
    return std::move(m_);
  }

private:
  // ---- errors and annotations

  bool Fail(size_t offset, std::string message) {
    if (!error_)
      error_ = Error{std::move(message), offset};
    return false;
  }
  bool FailEnd() {
    return Fail(pos_, in_section_ ? "unexpected end of section or function" : "unexpected end");
  }
  void Note(size_t offset, size_t len, std::string_view what) {
    if (obs_)
      obs_->Annotate(uint32_t(offset), uint32_t(len), what);
  }
  template <typename... Args>
  void NoteF(size_t offset, size_t len, fmt::format_string<Args...> f, Args&&... args) {
    if (obs_)
      obs_->Annotate(uint32_t(offset), uint32_t(len), fmt::format(f, std::forward<Args>(args)...));
  }

  template <typename T> void NoteValue(size_t offset, size_t len, const char* what, T value) {
    if (obs_)
      obs_->Annotate(uint32_t(offset), uint32_t(len), fmt::format("{} {}", what, value));
  }

  size_t Left() const { return limit_ - pos_; }

  // ---- primitives (spec 5.2)

  bool Byte(uint8_t* v, const char* what) {
    if (pos_ >= limit_)
      return FailEnd();
    *v = data_[pos_];
    if (obs_)
      NoteF(pos_, 1, "{} {:#04x}", what, *v);
    ++pos_;
    return true;
  }

  bool LebFail(size_t start, LebError err) {
    if (err == LebError::UnexpectedEnd) {
      pos_ = limit_;
      return FailEnd();
    }
    return Fail(start, LebErrorMessage(err));
  }

  bool U32(uint32_t* v, const char* what) {
    if (pos_ < limit_ && data_[pos_] < 0x80) { // the common one-byte case
      *v = data_[pos_];
      NoteValue(pos_, 1, what, *v);
      ++pos_;
      return true;
    }
    size_t len;
    LebError err;
    uint64_t x = DecodeULeb128(data_ + pos_, data_ + limit_, 32, &len, &err);
    if (err != LebError::None)
      return LebFail(pos_, err);
    *v = uint32_t(x);
    NoteValue(pos_, len, what, x);
    pos_ += len;
    return true;
  }

  bool U64(uint64_t* v, const char* what) {
    size_t len;
    LebError err;
    uint64_t x = DecodeULeb128(data_ + pos_, data_ + limit_, 64, &len, &err);
    if (err != LebError::None)
      return LebFail(pos_, err);
    *v = x;
    NoteValue(pos_, len, what, x);
    pos_ += len;
    return true;
  }

  bool S(int64_t* v, unsigned bits, const char* what) {
    size_t len;
    LebError err;
    int64_t x = DecodeSLeb128(data_ + pos_, data_ + limit_, bits, &len, &err);
    if (err != LebError::None)
      return LebFail(pos_, err);
    *v = x;
    NoteValue(pos_, len, what, x);
    pos_ += len;
    return true;
  }

  bool Fixed(size_t n, uint64_t* v, const char* what) {
    if (Left() < n) {
      pos_ = limit_;
      return FailEnd();
    }
    uint64_t x = 0;
    std::memcpy(&x, data_ + pos_, n); // little-endian host
    *v = x;
    Note(pos_, n, what);
    pos_ += n;
    return true;
  }

  // A byte length (section, name, function body). Like the reference interpreter, entries are
  // read up to the end of the input rather than of their section (whose size is checked once
  // the section is read), so a length is refused when it exceeds the bytes left in the input.
  bool Length(uint32_t* n, const char* what) {
    size_t at = pos_;
    if (!U32(n, what))
      return false;
    if (*n > Left())
      return Fail(at, "length out of bounds");
    return true;
  }
  // A vector length: not checked by itself (every entry takes at least one byte, so reading
  // stops at the end of the input), and never reserved beyond Reserve().
  bool Count(uint32_t* n, const char* what) { return U32(n, what); }

  // Room to reserve for `n` entries of at least one byte each: never more than the bytes left
  // in the section, so that a large count in a small section allocates nothing big.
  size_t Reserve(uint32_t n) const {
    size_t left = section_end_ > pos_ ? section_end_ - pos_ : 0;
    return n < left ? n : left;
  }

  bool Name(std::string* out, const char* what) {
    uint32_t n;
    if (!Length(&n, "name length"))
      return false;
    if (!ValidUtf8(data_ + pos_, n))
      return Fail(pos_, "malformed UTF-8 encoding");
    out->assign(reinterpret_cast<const char*>(data_ + pos_), n);
    NoteF(pos_, n, "{} \"{}\"", what, *out);
    pos_ += n;
    return true;
  }

  bool Index(uint32_t* v, const char* what) { return U32(v, what); }

  // memory.size and friends: a memory index in 3.0, a zero byte in 2.0.
  bool MemIndex(uint32_t* v) {
    if (!v2_)
      return U32(v, "memory index");
    uint8_t b;
    size_t at = pos_;
    if (!Byte(&b, "zero byte"))
      return false;
    if (b != 0)
      return Fail(at, "zero byte expected");
    *v = 0;
    return true;
  }

  // ---- types (spec 5.3)

  bool HeapTypeAt(HeapType* h) {
    if (pos_ >= limit_)
      return FailEnd();
    uint8_t b = data_[pos_];
    if (auto k = AbstractHeap(b)) {
      if (v2_ && *k != HeapKind::Func && *k != HeapKind::Extern)
        return Fail(pos_, "malformed reference type");
      *h = HeapType::Abstract(*k);
      NoteF(pos_, 1, "heap type {}", ToString(*h));
      ++pos_;
      return true;
    }
    if (v2_)
      return Fail(pos_, "malformed reference type");
    size_t at = pos_;
    int64_t x;
    if (!S(&x, 33, "heap type index"))
      return false;
    if (x < 0)
      return Fail(at, "malformed heap type");
    *h = HeapType::Concrete(uint32_t(x));
    return true;
  }

  // valtype, or (ref_only) reftype.
  bool ValTypeAt(ValType* t, bool ref_only = false) {
    if (pos_ >= limit_)
      return FailEnd();
    size_t at = pos_;
    uint8_t b = data_[pos_];
    if (!ref_only) {
      switch (b) {
      case 0x7F: *t = ValType::I32(); break;
      case 0x7E: *t = ValType::I64(); break;
      case 0x7D: *t = ValType::F32(); break;
      case 0x7C: *t = ValType::F64(); break;
      case 0x7B: *t = ValType::V128(); break;
      default: goto reference;
      }
      NoteF(at, 1, "{}", ToString(*t));
      ++pos_;
      return true;
    }
  reference:
    if (auto k = AbstractHeap(b)) {
      if (v2_ && *k != HeapKind::Func && *k != HeapKind::Extern)
        return Fail(at, ref_only ? "malformed reference type" : "malformed value type");
      *t = ValType::Ref(HeapType::Abstract(*k), true);
      NoteF(at, 1, "{}", ToString(*t));
      ++pos_;
      return true;
    }
    if (!v2_ && (b == 0x63 || b == 0x64)) {
      ++pos_;
      Note(at, 1, b == 0x63 ? "ref null" : "ref");
      HeapType h;
      if (!HeapTypeAt(&h))
        return false;
      *t = ValType::Ref(h, b == 0x63);
      return true;
    }
    return Fail(at, ref_only ? "malformed reference type" : "malformed value type");
  }

  bool ValTypes(std::vector<ValType>* out, const char* what) {
    uint32_t n;
    if (!Count(&n, what))
      return false;
    out->reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      ValType t;
      if (!ValTypeAt(&t))
        return false;
      out->push_back(t);
    }
    return true;
  }

  bool Mutability(bool* m) {
    uint8_t b;
    size_t at = pos_;
    if (!Byte(&b, "mutability"))
      return false;
    if (b > 1)
      return Fail(at, "malformed mutability");
    *m = b == 1;
    return true;
  }

  bool FieldTypeAt(FieldType* f) {
    if (pos_ >= limit_)
      return FailEnd();
    uint8_t b = data_[pos_];
    if (b == 0x78 || b == 0x77) {
      f->packed = b == 0x78 ? Packed::I8 : Packed::I16;
      f->type = ValType::I32();
      Note(pos_, 1, b == 0x78 ? "i8" : "i16");
      ++pos_;
    } else {
      size_t at = pos_;
      if (!ValTypeAt(&f->type)) {
        if (error_->message == "malformed value type")
          error_ = Error{"malformed storage type", at};
        return false;
      }
    }
    return Mutability(&f->mutable_);
  }

  bool CompositeType(SubType* st) {
    uint8_t b;
    size_t at = pos_;
    if (!Byte(&b, "type form"))
      return false;
    switch (b) {
    case 0x60:
      st->kind = CompositeKind::Func;
      return ValTypes(&st->func.params, "param count") &&
             ValTypes(&st->func.results, "result count");
    case 0x5F: {
      if (v2_)
        break;
      st->kind = CompositeKind::Struct;
      uint32_t n;
      if (!Count(&n, "field count"))
        return false;
      st->fields.reserve(Reserve(n));
      for (uint32_t i = 0; i < n; ++i) {
        FieldType f;
        if (!FieldTypeAt(&f))
          return false;
        st->fields.push_back(f);
      }
      return true;
    }
    case 0x5E:
      if (v2_)
        break;
      st->kind = CompositeKind::Array;
      st->fields.resize(1);
      return FieldTypeAt(&st->fields[0]);
    default: break;
    }
    // The form is an s7 integer: a continuation bit makes it too long, not an unknown form.
    return Fail(at, b & 0x80 ? "integer representation too long" : "malformed definition type");
  }

  bool SubTypeAt(SubType* st) {
    if (pos_ >= limit_)
      return FailEnd();
    uint8_t b = data_[pos_];
    if (!v2_ && (b == 0x50 || b == 0x4F)) {
      Note(pos_, 1, b == 0x50 ? "sub" : "sub final");
      ++pos_;
      st->explicit_sub = true;
      st->final = b == 0x4F;
      uint32_t n;
      if (!Count(&n, "supertype count"))
        return false;
      st->supertypes.reserve(Reserve(n));
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t s;
        if (!Index(&s, "supertype index"))
          return false;
        st->supertypes.push_back(s);
      }
    }
    return CompositeType(st);
  }

  bool TypeSection() {
    uint32_t n;
    if (!Count(&n, "type count"))
      return false;
    for (uint32_t i = 0; i < n; ++i) {
      if (pos_ < limit_ && data_[pos_] == 0x4E && !v2_) {
        Note(pos_, 1, "rec");
        ++pos_;
        uint32_t k;
        if (!Count(&k, "rec group size"))
          return false;
        m_.rec_groups.emplace_back(uint32_t(m_.types.size()), k);
        for (uint32_t j = 0; j < k; ++j) {
          m_.types.emplace_back();
          if (!SubTypeAt(&m_.types.back()))
            return false;
        }
      } else {
        m_.rec_groups.emplace_back(uint32_t(m_.types.size()), 1);
        m_.types.emplace_back();
        if (!SubTypeAt(&m_.types.back()))
          return false;
      }
    }
    return true;
  }

  // limits: flags (bit 0 max, bit 1 shared, bit 2 64-bit, bit 3 custom page size) min [max]
  bool LimitsAt(Limits* l, bool memory) {
    uint8_t flags;
    size_t at = pos_;
    if (!Byte(&flags, "limits flags"))
      return false;
    if (v2_) { // 2.0 reads the flag as a one-bit LEB128 integer
      if (flags & 0x80)
        return Fail(at, "integer representation too long");
      if (flags > (threads_ && memory ? 3 : 1))
        return Fail(at, "integer too large");
    }
    uint8_t allowed = v2_ ? (threads_ && memory ? 0x03 : 0x01) : memory ? 0x07 : 0x05;
    if (memory && options_.custom_page_sizes)
      allowed |= 0x08;
    if (flags & ~allowed)
      return Fail(at, "malformed limits flags");
    l->is64 = flags & 0x04;
    l->shared = flags & 0x02;
    // 3.0 reads both bounds as u64 whatever the address type (the validator checks the range);
    // 2.0 has only u32 bounds.
    if (v2_) {
      uint32_t v;
      if (!U32(&v, "min"))
        return false;
      l->min = v;
      if (flags & 0x01) {
        if (!U32(&v, "max"))
          return false;
        l->max = v;
      }
    } else {
      if (!U64(&l->min, "min"))
        return false;
      if (flags & 0x01) {
        uint64_t mx;
        if (!U64(&mx, "max"))
          return false;
        l->max = mx;
      }
    }
    if (flags & 0x08) {
      uint32_t log2;
      size_t p = pos_;
      if (!U32(&log2, "page size log2"))
        return false;
      if (log2 != 0 && log2 != 16)
        return Fail(p, "invalid custom page size");
      l->page_size_log2 = log2;
    }
    return true;
  }

  bool TableTypeAt(TableType* t) {
    return ValTypeAt(&t->elem, true) && LimitsAt(&t->limits, false);
  }

  bool GlobalTypeAt(GlobalType* g) { return ValTypeAt(&g->type) && Mutability(&g->mutable_); }

  bool TagTypeAt(TagType* t) {
    size_t at = pos_;
    if (!Byte(&t->attribute, "tag attribute"))
      return false;
    if (t->attribute != 0)
      return Fail(at, "malformed tag attribute");
    return Index(&t->type_index, "type index");
  }

  bool ImportSection() {
    uint32_t n;
    if (!Count(&n, "import count"))
      return false;
    m_.imports.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      Import& imp = m_.imports.emplace_back();
      if (!Name(&imp.module, "module") || !Name(&imp.name, "name"))
        return false;
      uint8_t kind;
      size_t at = pos_;
      if (!Byte(&kind, "import kind"))
        return false;
      switch (kind) {
      case 0:
        imp.kind = ExternKind::Func;
        if (!Index(&imp.func_type, "type index"))
          return false;
        ++m_.num_imported_funcs;
        break;
      case 1:
        imp.kind = ExternKind::Table;
        if (!TableTypeAt(&imp.table))
          return false;
        ++m_.num_imported_tables;
        break;
      case 2:
        imp.kind = ExternKind::Memory;
        if (!LimitsAt(&imp.memory.limits, true))
          return false;
        ++m_.num_imported_memories;
        break;
      case 3:
        imp.kind = ExternKind::Global;
        if (!GlobalTypeAt(&imp.global))
          return false;
        ++m_.num_imported_globals;
        break;
      case 4:
        if (v2_)
          return Fail(at, "malformed import kind");
        imp.kind = ExternKind::Tag;
        if (!TagTypeAt(&imp.tag))
          return false;
        ++m_.num_imported_tags;
        break;
      default: return Fail(at, "malformed import kind");
      }
    }
    return true;
  }

  bool FunctionSection() {
    uint32_t n;
    if (!Count(&n, "function count"))
      return false;
    m_.functions.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i)
      if (!Index(&m_.functions.emplace_back().type_index, "type index"))
        return false;
    return true;
  }

  bool TableSection() {
    uint32_t n;
    if (!Count(&n, "table count"))
      return false;
    m_.tables.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      Table& t = m_.tables.emplace_back();
      if (!v2_ && pos_ < limit_ && data_[pos_] == 0x40) {
        Note(pos_, 1, "table with initialiser");
        ++pos_;
        uint8_t zero;
        size_t at = pos_;
        if (!Byte(&zero, "reserved"))
          return false;
        if (zero != 0)
          return Fail(at, "malformed table");
        if (!TableTypeAt(&t.type))
          return false;
        t.init.emplace();
        if (!ConstExpr(&*t.init))
          return false;
      } else if (!TableTypeAt(&t.type)) {
        return false;
      }
    }
    return true;
  }

  bool MemorySection() {
    uint32_t n;
    if (!Count(&n, "memory count"))
      return false;
    m_.memories.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i)
      if (!LimitsAt(&m_.memories.emplace_back().type.limits, true))
        return false;
    return true;
  }

  bool GlobalSection() {
    uint32_t n;
    if (!Count(&n, "global count"))
      return false;
    m_.globals.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      Global& g = m_.globals.emplace_back();
      if (!GlobalTypeAt(&g.type) || !ConstExpr(&g.init))
        return false;
    }
    return true;
  }

  bool ExportSection() {
    uint32_t n;
    if (!Count(&n, "export count"))
      return false;
    m_.exports.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      Export& e = m_.exports.emplace_back();
      if (!Name(&e.name, "name"))
        return false;
      uint8_t kind;
      size_t at = pos_;
      if (!Byte(&kind, "export kind"))
        return false;
      if (kind > 4 || (v2_ && kind == 4))
        return Fail(at, "malformed export kind");
      e.kind = ExternKind(kind);
      if (!Index(&e.index, "index"))
        return false;
    }
    return true;
  }

  bool StartSection() {
    uint32_t f;
    if (!Index(&f, "start function"))
      return false;
    m_.start = f;
    return true;
  }

  // elem: 0..7 (spec 5.5.12). Bit 0: passive/declarative, bit 1: explicit table index (active)
  // or declarative, bit 2: the items are expressions.
  bool ElemSection() {
    uint32_t n;
    if (!Count(&n, "segment count"))
      return false;
    m_.elems.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      ElemSegment& e = m_.elems.emplace_back();
      uint32_t flags;
      size_t at = pos_;
      if (!U32(&flags, "segment flags"))
        return false;
      if (flags > 7)
        return Fail(at, "malformed elements segment kind");
      e.flags = uint8_t(flags);
      e.mode = !(flags & 1)  ? SegmentMode::Active
               : (flags & 2) ? SegmentMode::Declarative
                             : SegmentMode::Passive;
      e.uses_exprs = flags & 4;
      if (flags & 2 && !(flags & 1)) {
        if (!Index(&e.table_index, "table index"))
          return false;
      }
      if (!(flags & 1) && !ConstExpr(&e.offset))
        return false;
      if (flags & 3) { // explicit element kind / reference type
        if (e.uses_exprs) {
          if (!ValTypeAt(&e.elem_type, true))
            return false;
        } else {
          uint8_t kind;
          size_t k = pos_;
          if (!Byte(&kind, "elem kind"))
            return false;
          if (kind != 0)
            return Fail(k, "malformed element kind");
        }
      }
      uint32_t count;
      if (!Count(&count, "element count"))
        return false;
      if (e.uses_exprs) {
        e.exprs.reserve(Reserve(count));
        for (uint32_t k = 0; k < count; ++k)
          if (!ConstExpr(&e.exprs.emplace_back()))
            return false;
      } else {
        e.func_indices.reserve(Reserve(count));
        for (uint32_t k = 0; k < count; ++k)
          if (!Index(&e.func_indices.emplace_back(), "function index"))
            return false;
      }
    }
    return true;
  }

  bool DataCountSection() {
    uint32_t n;
    if (!U32(&n, "data count"))
      return false;
    m_.data_count = n;
    return true;
  }

  // data: 0 = active memory 0, 1 = passive, 2 = active with memory index.
  bool DataSection() {
    uint32_t n;
    if (!Count(&n, "segment count"))
      return false;
    m_.datas.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i) {
      DataSegment& d = m_.datas.emplace_back();
      uint32_t flags;
      size_t at = pos_;
      if (!U32(&flags, "segment flags"))
        return false;
      if (flags > 2)
        return Fail(at, "malformed data segment kind");
      d.flags = uint8_t(flags);
      d.mode = flags == 1 ? SegmentMode::Passive : SegmentMode::Active;
      if (flags == 2 && !Index(&d.memory_index, "memory index"))
        return false;
      if (flags != 1 && !ConstExpr(&d.offset))
        return false;
      uint32_t size;
      if (!U32(&size, "data size"))
        return false;
      if (size > Left()) {
        pos_ = limit_;
        return FailEnd();
      }
      d.bytes.assign(data_ + pos_, data_ + pos_ + size);
      Note(pos_, size, "data bytes");
      pos_ += size;
    }
    return true;
  }

  bool TagSection() {
    uint32_t n;
    if (!Count(&n, "tag count"))
      return false;
    m_.tags.reserve(Reserve(n));
    for (uint32_t i = 0; i < n; ++i)
      if (!TagTypeAt(&m_.tags.emplace_back().type))
        return false;
    return true;
  }

  // The bodies are matched with the function section's entries once all sections are read
  // (a second code section must be reported as such, not as a count mismatch).
  bool CodeSection() {
    uint32_t n;
    if (!Count(&n, "function count"))
      return false;
    code_count_ = n;
    code_count_offset_ = section_start_;
    Function extra; // bodies without a function entry are read, then reported at the end
    for (uint32_t i = 0; i < n; ++i) {
      Function& f = i < m_.functions.size() ? m_.functions[i] : (extra = Function{});
      size_t size_at = pos_;
      uint32_t size;
      if (!Length(&size, "body size"))
        return false;
      f.body_offset = uint32_t(size_at);
      f.body_size = size;
      size_t body_end = pos_ + size;
      if (!FunctionBody(&f, size))
        return false;
      if (pos_ != body_end)
        return Fail(pos_, "section size mismatch");
    }
    return true;
  }

  bool FunctionBody(Function* f, uint32_t size) {
    uint32_t groups;
    if (!Count(&groups, "local group count"))
      return false;
    f->locals.reserve(Reserve(groups));
    uint64_t total = 0;
    for (uint32_t i = 0; i < groups; ++i) {
      LocalGroup& g = f->locals.emplace_back();
      size_t at = pos_;
      if (!U32(&g.count, "local count"))
        return false;
      total += g.count;
      if (total > kMaxLocals)
        return Fail(at, "too many locals");
      if (!ValTypeAt(&g.type))
        return false;
    }
    return Code(&f->body, size);
  }

  bool ConstExpr(Expr* e) { return Code(e); }

  // ---- instructions (spec 5.4)

  bool BlockTypeAt(Expr* e, uint32_t* index) {
    if (pos_ >= limit_)
      return FailEnd();
    BlockType bt;
    uint8_t b = data_[pos_];
    if (b == 0x40) {
      Note(pos_, 1, "empty block type");
      ++pos_;
    } else if ((b >= 0x7B && b <= 0x7F) || AbstractHeap(b) || b == 0x63 || b == 0x64) {
      bt.kind = BlockType::Kind::Value;
      if (!ValTypeAt(&bt.value))
        return false;
    } else {
      size_t at = pos_;
      int64_t x;
      if (!S(&x, 33, "block type index"))
        return false;
      if (x < 0)
        return Fail(at, "malformed value type");
      bt.kind = BlockType::Kind::Index;
      bt.index = uint32_t(x);
    }
    *index = uint32_t(e->block_types.size());
    e->block_types.push_back(bt);
    return true;
  }

  void NeedDataCount(size_t offset) {
    if (!need_data_count_)
      need_data_count_ = offset;
  }

  bool MemArgAt(Instr* in) {
    size_t at = pos_;
    uint32_t flags;
    if (!U32(&flags, "align"))
      return false;
    uint32_t mem = 0;
    if (v2_ && flags >= 32)
      return Fail(at, "malformed memop flags"); // 2**32 and more
    if (flags & 0x40) {
      if (flags >= 0x80)
        return Fail(at, "malformed memop flags");
      flags &= ~0x40u;
      if (!U32(&mem, "memory index"))
        return false;
    } else if (flags >= 0x40) {
      return Fail(at, "malformed memop flags");
    }
    in->a = flags;
    in->b = mem;
    if (v2_) {
      uint32_t off;
      if (!U32(&off, "offset"))
        return false;
      in->c = off;
      return true;
    }
    return U64(&in->c, "offset");
  }

  bool Immediates(Instr* in, Expr* e, ImmKind imm) {
    switch (imm) {
    case ImmKind::None: return true;
    case ImmKind::BlockType: return BlockTypeAt(e, &in->a);
    case ImmKind::Label: return U32(&in->a, "label");
    case ImmKind::BrTable: {
      uint32_t n;
      if (!Count(&n, "target count"))
        return false;
      in->a = uint32_t(e->u32s.size());
      in->b = n + 1;
      for (uint32_t i = 0; i <= n; ++i) {
        uint32_t t;
        if (!U32(&t, i == n ? "default label" : "label"))
          return false;
        e->u32s.push_back(t);
      }
      return true;
    }
    case ImmKind::Func: return U32(&in->a, "function index");
    case ImmKind::CallIndirect: return U32(&in->a, "type index") && U32(&in->b, "table index");
    case ImmKind::Type: return U32(&in->a, "type index");
    case ImmKind::Local: return U32(&in->a, "local index");
    case ImmKind::Global: return U32(&in->a, "global index");
    case ImmKind::Table: return U32(&in->a, "table index");
    case ImmKind::Memory: return MemIndex(&in->a);
    case ImmKind::MemArg: return MemArgAt(in);
    case ImmKind::MemArgLane: return MemArgAt(in) && Byte(&in->lane, "lane");
    case ImmKind::I32: {
      int64_t v;
      if (!S(&v, 32, "i32 literal"))
        return false;
      in->c = uint64_t(v);
      return true;
    }
    case ImmKind::I64: {
      int64_t v;
      if (!S(&v, 64, "i64 literal"))
        return false;
      in->c = uint64_t(v);
      return true;
    }
    case ImmKind::F32: return Fixed(4, &in->c, "f32 literal");
    case ImmKind::F64: return Fixed(8, &in->c, "f64 literal");
    case ImmKind::V128:
    case ImmKind::Shuffle: {
      if (Left() < 16) {
        pos_ = limit_;
        return FailEnd();
      }
      V128 v;
      std::memcpy(v.data(), data_ + pos_, 16);
      Note(pos_, 16, imm == ImmKind::V128 ? "v128 literal" : "lane indices");
      pos_ += 16;
      in->a = uint32_t(e->v128s.size());
      e->v128s.push_back(v);
      return true;
    }
    case ImmKind::Lane: return Byte(&in->lane, "lane");
    case ImmKind::SelectT: {
      uint32_t n;
      if (!Count(&n, "type count"))
        return false;
      in->a = uint32_t(e->val_types.size());
      in->b = n;
      for (uint32_t i = 0; i < n; ++i) {
        ValType t;
        if (!ValTypeAt(&t))
          return false;
        e->val_types.push_back(t);
      }
      return true;
    }
    case ImmKind::HeapType: {
      HeapType h;
      if (!HeapTypeAt(&h))
        return false;
      in->a = uint32_t(e->heap_types.size());
      e->heap_types.push_back(h);
      return true;
    }
    case ImmKind::MemoryInit:
      NeedDataCount(in->offset);
      return U32(&in->a, "data index") && MemIndex(&in->b);
    case ImmKind::Data: NeedDataCount(in->offset); return U32(&in->a, "data index");
    case ImmKind::MemoryCopy: return MemIndex(&in->a) && MemIndex(&in->b);
    case ImmKind::TableInit: return U32(&in->a, "elem index") && U32(&in->b, "table index");
    case ImmKind::Elem: return U32(&in->a, "elem index");
    case ImmKind::TableCopy: return U32(&in->a, "table index") && U32(&in->b, "table index");
    case ImmKind::Tag: return U32(&in->a, "tag index");
    case ImmKind::TryTable: {
      if (!BlockTypeAt(e, &in->a))
        return false;
      uint32_t n;
      if (!Count(&n, "catch count"))
        return false;
      in->b = uint32_t(e->catches.size());
      in->c = n;
      for (uint32_t i = 0; i < n; ++i) {
        Catch c{};
        uint8_t kind;
        size_t at = pos_;
        if (!Byte(&kind, "catch kind"))
          return false;
        if (kind > 3)
          return Fail(at, "malformed catch clause");
        c.kind = Catch::Kind(kind);
        if (kind < 2 && !U32(&c.tag, "tag index"))
          return false;
        if (!U32(&c.label, "label"))
          return false;
        e->catches.push_back(c);
      }
      return true;
    }
    case ImmKind::TypeField: return U32(&in->a, "type index") && U32(&in->b, "field index");
    case ImmKind::TypeType: return U32(&in->a, "type index") && U32(&in->b, "type index");
    case ImmKind::TypeU32: return U32(&in->a, "type index") && U32(&in->b, "size");
    case ImmKind::TypeData:
      NeedDataCount(in->offset);
      return U32(&in->a, "type index") && U32(&in->b, "data index");
    case ImmKind::TypeElem: return U32(&in->a, "type index") && U32(&in->b, "elem index");
    case ImmKind::BrOnCast: {
      size_t at = pos_;
      if (!Byte(&in->lane, "cast flags"))
        return false;
      if (in->lane > 3)
        return Fail(at, "malformed cast flags");
      if (!U32(&in->a, "label"))
        return false;
      in->b = uint32_t(e->heap_types.size());
      HeapType h1, h2;
      if (!HeapTypeAt(&h1) || !HeapTypeAt(&h2))
        return false;
      e->heap_types.push_back(h1);
      e->heap_types.push_back(h2);
      return true;
    }
    case ImmKind::Fence: {
      uint8_t b;
      size_t at = pos_;
      if (!Byte(&b, "reserved"))
        return false;
      if (b != 0)
        return Fail(at, "zero byte expected");
      return true;
    }
    }
    return true;
  }

  // An instruction sequence up to its final `end` (function body or constant expression).
  // `else` (and the legacy `catch`, `catch_all`) only continue an open `if` (`try`); anywhere
  // else they end the sequence where an `end` was expected.
  // `size_hint` (the body size) bounds a first reservation: instructions average two bytes.
  bool Code(Expr* e, size_t size_hint = 0) {
    if (size_hint)
      e->instrs.reserve(size_hint / 2 + 1);
    blocks_.clear();
    for (;;) {
      if (pos_ >= limit_)
        return FailEnd();
      size_t at = pos_;
      uint8_t b = data_[pos_++];
      std::optional<Opcode> op;
      if (IsPrefixByte(b)) {
        size_t len;
        LebError err;
        uint64_t code = DecodeULeb128(data_ + pos_, data_ + limit_, 32, &len, &err);
        if (err != LebError::None)
          return LebFail(pos_, err);
        pos_ += len;
        op = DecodePrefixed(b, uint32_t(code));
        if (!op)
          return Fail(at, fmt::format("illegal opcode {:02x} {:x}", b, code));
      } else {
        op = DecodeOpcode(b);
        if (!op)
          return Fail(at, fmt::format("illegal opcode {:02x}", b));
      }
      const OpcodeInfo& info = Info(*op);
      if (v2_ && !InSpec20(info.feature) && !(threads_ && info.feature == Feature::Threads)) {
        return Fail(at, info.prefix ? fmt::format("illegal opcode {:02x} {:x}", b, info.code)
                                    : fmt::format("illegal opcode {:02x}", b));
      }
      NoteF(at, pos_ - at, "opcode {}", info.name);
      Instr in;
      in.op = *op;
      in.offset = uint32_t(at);
      if (info.imm != ImmKind::None && !Immediates(&in, e, info.imm))
        return false;
      e->instrs.push_back(in);
      switch (*op) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If:
      case Opcode::Try:
      case Opcode::TryTable: blocks_.push_back(*op); break;
      case Opcode::Else:
        if (blocks_.empty() || blocks_.back() != Opcode::If)
          return Fail(at, "END opcode expected");
        blocks_.back() = Opcode::Else; // a second `else` is not allowed
        break;
      case Opcode::Catch:
      case Opcode::CatchAll:
        if (blocks_.empty() || blocks_.back() != Opcode::Try)
          return Fail(at, "END opcode expected");
        break;
      case Opcode::End:
        if (blocks_.empty())
          return true;
        blocks_.pop_back();
        break;
      case Opcode::Delegate: // ends a `try` like `end` does
        if (blocks_.empty() || blocks_.back() != Opcode::Try)
          return Fail(at, "END opcode expected");
        blocks_.pop_back();
        break;
      default: break;
      }
    }
  }

  // ---- the name section (spec 7.4.1); malformed contents are ignored, not an error

  bool NameMapAt(std::vector<std::pair<uint32_t, std::string>>* out) {
    uint32_t n;
    if (!Count(&n, "name count"))
      return false;
    out->reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t idx;
      std::string name;
      if (!U32(&idx, "index") || !Name(&name, "name"))
        return false;
      out->emplace_back(idx, std::move(name));
    }
    return true;
  }

  bool NameSubsections(NameMap* names) {
    while (pos_ < limit_) {
      uint8_t id;
      uint32_t size;
      if (!Byte(&id, "name subsection id") || !Length(&size, "subsection size"))
        return false;
      size_t end = pos_ + size;
      size_t saved = limit_;
      limit_ = end;
      bool ok = true;
      if (id == 0) {
        std::string mod;
        ok = Name(&mod, "module name");
        names->module = std::move(mod);
      } else if (id == 1) {
        ok = NameMapAt(&names->functions);
      } else if (id == 2) {
        uint32_t n;
        ok = Count(&n, "function count");
        for (uint32_t i = 0; ok && i < n; ++i) {
          uint32_t func;
          std::vector<std::pair<uint32_t, std::string>> locals;
          ok = U32(&func, "function index") && NameMapAt(&locals);
          if (ok)
            names->locals.emplace_back(func, std::move(locals));
        }
      } else {
        Note(pos_, size, "name subsection payload");
        pos_ = end;
      }
      if (!ok || pos_ != end)
        return false;
      limit_ = saved;
    }
    return true;
  }

  // Returns whether the payload was a well-formed name section (then it is in m_.names and
  // annotated); otherwise nothing is kept but the raw custom section.
  bool NameSection() {
    size_t saved_pos = pos_, saved_limit = limit_;
    ReadObserver* saved_obs = obs_;
    obs_ = nullptr;
    NameMap names;
    bool ok = NameSubsections(&names);
    obs_ = saved_obs;
    error_.reset();
    pos_ = saved_pos;
    limit_ = saved_limit;
    if (!ok)
      return false;
    if (obs_) { // a second pass only to tell the observer what the bytes meant
      NameMap again;
      (void)NameSubsections(&again);
      pos_ = saved_pos;
      limit_ = saved_limit;
    }
    m_.names = std::move(names);
    return true;
  }

  // ---- module structure (spec 5.5)

  bool ReadModuleBody() {
    static constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
    if (size_ < 4) {
      pos_ = size_;
      return FailEnd();
    }
    if (std::memcmp(data_, kMagic, 4) != 0)
      return Fail(0, "magic header not detected");
    Note(0, 4, "magic \\0asm");
    pos_ = 4;
    if (size_ < 8) {
      pos_ = size_;
      return FailEnd();
    }
    uint32_t version;
    std::memcpy(&version, data_ + 4, 4);
    if (version != 1)
      return Fail(4, "unknown binary version");
    Note(4, 4, "version 1");
    pos_ = 8;
    int last_rank = 0;
    while (pos_ < size_) {
      section_start_ = pos_;
      uint8_t id = data_[pos_];
      if (id > kTagId || (v2_ && id == kTagId))
        return Fail(pos_, "malformed section id");
      NoteF(pos_, 1, "section id {}", id);
      ++pos_;
      in_section_ = true;
      limit_ = size_;
      uint32_t size;
      if (!Length(&size, "section size"))
        return false;
      SectionInfo info{id, uint32_t(section_start_), uint32_t(pos_), size, {}};
      section_end_ = pos_ + size;
      // Custom sections are read within their bounds; the others up to the end of the input,
      // their size being checked afterwards (as the reference interpreter does, so that the
      // messages match the spec tests).
      if (id == kCustomId)
        limit_ = section_end_;
      if (id != kCustomId) {
        int rank = kSectionRank[id];
        if (rank <= last_rank)
          return Fail(section_start_, "unexpected content after last section");
        last_rank = rank;
        last_id_ = id;
      }
      if (!Section(id, &info))
        return false;
      if (pos_ != section_end_)
        return Fail(pos_, "section size mismatch");
      m_.sections.push_back(std::move(info));
      in_section_ = false;
      limit_ = size_;
    }
    if (code_count_ != m_.functions.size())
      return Fail(code_count_ ? code_count_offset_ : pos_,
                  "function and code section have inconsistent lengths");
    if (m_.data_count && *m_.data_count != m_.datas.size())
      return Fail(data_offset_ ? data_offset_ : pos_,
                  "data count and data section have inconsistent lengths");
    // Only a module that has data segments can be missing the count (without any, the indices
    // are simply out of range, which the validator reports).
    if (need_data_count_ && !m_.data_count && data_offset_)
      return Fail(*need_data_count_, "data count section required");
    if (v2_ && m_.NumMemories() > 1)
      return Fail(pos_, "multiple memories");
    return true;
  }

  bool Section(uint8_t id, SectionInfo* info) {
    switch (id) {
    case kCustomId: {
      CustomSection c;
      if (!Name(&c.name, "section name"))
        return false;
      info->name = c.name;
      c.after_section = last_id_;
      c.offset = info->offset;
      c.bytes.assign(data_ + pos_, data_ + limit_);
      if (!(c.name == "name" && options_.read_names && NameSection()))
        Note(pos_, limit_ - pos_, "custom section payload");
      pos_ = limit_;
      m_.customs.push_back(std::move(c));
      return true;
    }
    case kTypeId: return TypeSection();
    case kImportId: return ImportSection();
    case kFunctionId: return FunctionSection();
    case kTableId: return TableSection();
    case kMemoryId: return MemorySection();
    case kGlobalId: return GlobalSection();
    case kExportId: return ExportSection();
    case kStartId: return StartSection();
    case kElemId: return ElemSection();
    case kCodeId: return CodeSection();
    case kDataId: data_offset_ = section_start_; return DataSection();
    case kDataCountId: return DataCountSection();
    case kTagId: return TagSection();
    }
    return Fail(info->offset, "malformed section id");
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  size_t limit_; // end of the current section or function body
  const ReadOptions& options_;
  bool v2_;
  bool threads_;  // 2.0 plus shared memories and atomics
  ReadObserver* obs_;
  Module m_;
  std::optional<Error> error_;
  std::vector<Opcode> blocks_; // open blocks of the sequence being decoded
  bool in_section_ = false;
  size_t section_end_ = 0;
  uint32_t code_count_ = 0;
  size_t code_count_offset_ = 0;
  size_t data_offset_ = 0;
  std::optional<size_t> need_data_count_; // offset of the first instruction using a data index
  size_t section_start_ = 0;
  uint8_t last_id_ = 0;
};

} // namespace

Expected<Module> ReadModule(std::span<const uint8_t> bytes, const ReadOptions& options) {
  Reader reader(bytes, options);
  return reader.Run();
}

} // namespace minicc::wasm
