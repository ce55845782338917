// Text spellings of types, shared by the printer, dump and diagnostics.
#include "wasm/types.h"

namespace minicc::wasm {

std::string ToString(HeapType h) {
  switch (h.kind) {
    case HeapKind::Func: return "func";
    case HeapKind::Extern: return "extern";
    case HeapKind::Any: return "any";
    case HeapKind::Eq: return "eq";
    case HeapKind::I31: return "i31";
    case HeapKind::Struct: return "struct";
    case HeapKind::Array: return "array";
    case HeapKind::Exn: return "exn";
    case HeapKind::NoExn: return "noexn";
    case HeapKind::NoFunc: return "nofunc";
    case HeapKind::NoExtern: return "noextern";
    case HeapKind::None: return "none";
    case HeapKind::Index: return std::to_string(h.index);
  }
  return "?";
}

std::string ToString(ValType t) {
  switch (t.kind) {
    case ValKind::I32: return "i32";
    case ValKind::I64: return "i64";
    case ValKind::F32: return "f32";
    case ValKind::F64: return "f64";
    case ValKind::V128: return "v128";
    case ValKind::Ref:
      if (t.nullable && t.heap.kind != HeapKind::Index) {
        // The bottom types' abbreviations are null...ref: nullref, nullfuncref, ...
        switch (t.heap.kind) {
          case HeapKind::None: return "nullref";
          case HeapKind::NoFunc: return "nullfuncref";
          case HeapKind::NoExtern: return "nullexternref";
          case HeapKind::NoExn: return "nullexnref";
          default: return ToString(t.heap) + "ref";
        }
      }
      return std::string("(ref ") + (t.nullable ? "null " : "") + ToString(t.heap) + ")";
  }
  return "?";
}

std::string ToString(const std::vector<ValType>& types) {
  std::string s = "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ", ";
    s += ToString(types[i]);
  }
  return s + ")";
}

std::string ToString(const FuncType& f) {
  std::string s = ToString(f.params) + " -> ";
  if (f.results.size() == 1) return s + ToString(f.results[0]);
  return s + ToString(f.results);
}

const char* ToString(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "func";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
  }
  return "?";
}

}  // namespace minicc::wasm
