// WAT parser, part 1: the entry points and module fields (spec 6.6). Three passes over the
// fields of a module: (1) collect the $ids of every index space, so that fields may refer to
// later ones; (2) parse the explicit type definitions, so that inline type uses can find an equal
// type anywhere in the section; (3) parse every other field in order, appending implicit types.
#include "wasm/text_parser.h"

#include "wasm/binary_reader.h"
#include "wasm/text_parser_internal.h"

namespace minicc::wasm {
namespace text {
namespace {

const char* SpaceName(Space s) {
  static constexpr const char* kNames[] = {"type",   "func", "table", "memory",
                                           "global", "tag",  "elem",  "data"};
  return kNames[size_t(s)];
}

std::optional<Space> FieldSpace(std::string_view kw) {
  if (kw == "func") return Space::Func;
  if (kw == "table") return Space::Table;
  if (kw == "memory") return Space::Memory;
  if (kw == "global") return Space::Global;
  if (kw == "tag") return Space::Tag;
  return std::nullopt;
}

ExternKind KindOf(Space s) {
  switch (s) {
  case Space::Table: return ExternKind::Table;
  case Space::Memory: return ExternKind::Memory;
  case Space::Global: return ExternKind::Global;
  case Space::Tag: return ExternKind::Tag;
  default: return ExternKind::Func;
  }
}

Expr ConstZero(bool is64) {
  Expr e;
  Instr c;
  c.op = is64 ? Opcode::I64Const : Opcode::I32Const;
  e.instrs.push_back(c);
  Instr end;
  end.op = Opcode::End;
  e.instrs.push_back(end);
  return e;
}

}  // namespace

// Keywords of the text and script formats, and instruction names.
bool IsKnownKeyword(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "module", "func", "param", "result", "type", "local", "global", "table", "memory", "elem",
      "data", "import", "export", "start", "mut", "offset", "item", "declare", "then", "else",
      "end", "rec", "sub", "final", "struct", "array", "field", "ref", "null", "i32", "i64", "f32",
      "f64", "v128", "i8", "i16", "binary", "quote", "definition", "instance", "shared",
      "unshared", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "tag", "catch",
      "catch_ref", "catch_all", "catch_all_ref", "extern", "any", "eq", "i31", "exn", "noexn",
      "nofunc", "noextern", "none", "pagesize", "register", "invoke", "get", "either",
      "nan:canonical", "nan:arithmetic", "funcref", "externref", "anyref", "eqref", "i31ref",
      "structref", "arrayref", "exnref", "nullexnref", "nullfuncref", "nullexternref", "nullref",
  };
  for (std::string_view w : kWords)
    if (s == w)
      return true;
  if (s.substr(0, 7) == "assert_")
    return true;
  for (std::string_view prefix : {std::string_view("offset="), std::string_view("align=")}) {
    if (s.substr(0, prefix.size()) == prefix) {
      std::string_view n = s.substr(prefix.size());
      bool ok = !n.empty() && n[0] >= '0' && n[0] <= '9';
      for (char c : n)
        ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                    c == 'x' || c == '_');
      return ok;
    }
  }
  return !LookupByName(s).empty();
}

// The spec's reference parser reports a token that is no keyword at all (reserved, or an
// unknown instruction-like word) as "unknown operator", any other misplaced token as
// "unexpected token"; the test suite's assert_malformed texts follow it.
Error Parser::Unexpected(const Token& t) const {
  if (t.kind == TokenKind::Eof)
    return MakeError("unexpected end of input", t.offset);
  if (t.kind == TokenKind::Reserved || (t.kind == TokenKind::Keyword && !IsKnownKeyword(t.text)))
    return MakeError("unknown operator " + std::string(t.text), t.offset);
  return MakeError("unexpected token " + std::string(t.text), t.offset);
}

Status Parser::Expect(TokenKind kind) {
  if (Peek().kind != kind)
    return Unexpected(Peek());
  Next();
  return support::Ok{};
}

Status Parser::ExpectKeyword(std::string_view kw) {
  if (!IsKeyword(kw))
    return Unexpected(Peek());
  Next();
  return support::Ok{};
}

Expected<std::string> Parser::ParseString() {
  if (Peek().kind != TokenKind::String)
    return Unexpected(Peek());
  return DecodeString(Next());
}

Expected<std::string> Parser::ParseName() {
  const Token& t = Peek();
  MINICC_TRY_ASSIGN(std::string s, ParseString());
  if (!IsValidUtf8(s))
    return ErrorAt(t, "malformed UTF-8 encoding");
  return s;
}

std::optional<Token> Parser::ParseOptId() {
  if (Peek().kind == TokenKind::Id)
    return Next();
  return std::nullopt;
}

namespace {

// Pass 1 helper: records `$id` (if the token at *i is one) as entry counts[space] of the space.
class NameScanner {
public:
  NameScanner(Parser& p) : p_(p) {}

  Status Add(Space space, size_t i) {
    const Token& t = p_.toks_[i];
    uint32_t index = p_.counts_[size_t(space)]++;
    if (space == Space::Memory)
      p_.memory64_.push_back(IsMemory64(i));
    if (t.kind != TokenKind::Id)
      return support::Ok{};
    MINICC_TRY_ASSIGN(std::string name, IdName(t));
    if (!p_.names_[size_t(space)].emplace(name, index).second)
      return MakeError(std::string("duplicate ") + SpaceName(space) + " " + std::string(t.text),
                       t.offset);
    return support::Ok{};
  }

  // Fields from tokens[i] up to the closing RParen of the module.
  Status Run(size_t i) {
    const auto& toks = p_.toks_;
    while (toks[i].kind == TokenKind::LParen) {
      size_t end = SkipSexpr(toks, i);
      const Token& kw = toks[i + 1];
      if (kw.kind == TokenKind::Keyword) {
        if (kw.text == "type") {
          MINICC_TRY(Add(Space::Type, i + 2));
        } else if (kw.text == "rec") {
          for (size_t j = i + 2; toks[j].kind == TokenKind::LParen; j = SkipSexpr(toks, j))
            if (toks[j + 1].kind == TokenKind::Keyword && toks[j + 1].text == "type")
              MINICC_TRY(Add(Space::Type, j + 2));
        } else if (kw.text == "elem") {
          MINICC_TRY(Add(Space::Elem, i + 2));
        } else if (kw.text == "data") {
          MINICC_TRY(Add(Space::Data, i + 2));
        } else if (kw.text == "import") {
          // (import "m" "n" (kind $id? ...))
          size_t j = i + 2;
          while (toks[j].kind == TokenKind::String)
            ++j;
          if (toks[j].kind == TokenKind::LParen && toks[j + 1].kind == TokenKind::Keyword)
            if (auto space = FieldSpace(toks[j + 1].text))
              MINICC_TRY(Add(*space, j + 2));
        } else if (auto space = FieldSpace(kw.text)) {
          MINICC_TRY(Add(*space, i + 2));
          // Inline (elem ...) of a table / (data ...) of a memory define a segment.
          if (*space == Space::Table || *space == Space::Memory) {
            size_t j = i + 2;
            if (toks[j].kind == TokenKind::Id)
              ++j;
            for (; toks[j].kind != TokenKind::RParen && toks[j].kind != TokenKind::Eof;
                 j = SkipSexpr(toks, j)) {
              if (toks[j].kind == TokenKind::LParen && toks[j + 1].kind == TokenKind::Keyword) {
                if (*space == Space::Table && toks[j + 1].text == "elem")
                  ++p_.counts_[size_t(Space::Elem)];
                if (*space == Space::Memory && toks[j + 1].text == "data")
                  ++p_.counts_[size_t(Space::Data)];
              }
            }
          }
        }
      }
      i = end;
    }
    return support::Ok{};
  }

private:
  // After `memory $id?`: (export ...)* (import ...)? then `i64` for a 64-bit memory.
  bool IsMemory64(size_t j) const {
    const auto& toks = p_.toks_;
    if (toks[j].kind == TokenKind::Id)
      ++j;
    while (toks[j].kind == TokenKind::LParen && toks[j + 1].kind == TokenKind::Keyword &&
           (toks[j + 1].text == "export" || toks[j + 1].text == "import"))
      j = SkipSexpr(toks, j);
    return toks[j].kind == TokenKind::Keyword && toks[j].text == "i64";
  }

  Parser& p_;
};

}  // namespace

// Pass 2: `(type $id? (func ...))`; `(rec (type ...)*)` groups.
// functype ::= (func (param $id? t | param t*)* (result t*)*)
Expected<FuncType> Parser::ParseFuncTypeBody(std::vector<std::string>* names) {
  MINICC_TRY(Expect(TokenKind::LParen));
  MINICC_TRY(ExpectKeyword("func"));
  MINICC_TRY_ASSIGN(TypeUse use, ParseTypeUse(true));
  if (use.index)
    return MakeError("unexpected token type", use.offset);
  MINICC_TRY(ExpectRParen());
  if (names)
    *names = use.param_names;
  return use.sig;
}

namespace {

class FieldParser {
public:
  explicit FieldParser(Parser& p) : p_(p), m_(p.m_) {}

  Status ParseTypes(size_t start) {
    p_.pos_ = start;
    while (p_.Peek().kind == TokenKind::LParen) {
      size_t end = SkipSexpr(p_.toks_, p_.pos_);
      if (p_.IsKeyword("type", 1)) {
        MINICC_TRY(ParseTypeDef());
      } else if (p_.IsKeyword("rec", 1)) {
        p_.Next();
        p_.Next();
        uint32_t first = uint32_t(m_.types.size());
        while (p_.IsSexpr("type")) {
          MINICC_TRY(ParseTypeDef());
        }
        MINICC_TRY(p_.ExpectRParen());
        has_rec_ = true;
        rec_.emplace_back(first, uint32_t(m_.types.size()) - first);
        continue;
      }
      p_.pos_ = end;
    }
    if (has_rec_) {
      // Every type outside a rec is a group of its own.
      std::vector<std::pair<uint32_t, uint32_t>> groups;
      size_t r = 0;
      for (uint32_t i = 0; i < m_.types.size();) {
        if (r < rec_.size() && rec_[r].first == i) {
          groups.push_back(rec_[r]);
          i += rec_[r].second;
          if (rec_[r].second == 0)
            groups.pop_back();
          ++r;
        } else {
          groups.emplace_back(i, 1);
          ++i;
        }
      }
      // Empty rec groups still occupy a group entry in the binary.
      m_.rec_groups = groups;
      for (; r < rec_.size(); ++r)
        m_.rec_groups.push_back(rec_[r]);
    }
    return support::Ok{};
  }

  // typedef ::= (type $id? subtype)
  // subtype ::= comptype | (sub final? typeidx* comptype)
  Status ParseTypeDef() {
    MINICC_TRY(p_.Expect(TokenKind::LParen));
    MINICC_TRY(p_.ExpectKeyword("type"));
    p_.ParseOptId();
    SubType st;
    if (p_.IsSexpr("sub")) {
      p_.Next();
      p_.Next();
      st.explicit_sub = true;
      st.final = false;
      if (p_.IsKeyword("final")) {
        p_.Next();
        st.final = true;
      }
      while (p_.PeekIndex()) {
        MINICC_TRY_ASSIGN(uint32_t super, p_.ParseIndex(Space::Type));
        st.supertypes.push_back(super);
      }
      MINICC_TRY(ParseCompType(st));
      MINICC_TRY(p_.ExpectRParen());
    } else {
      MINICC_TRY(ParseCompType(st));
    }
    MINICC_TRY(p_.ExpectRParen());
    m_.types.push_back(std::move(st));
    return support::Ok{};
  }

  // storagetype ::= valtype | i8 | i16;  fieldtype ::= storagetype | (mut storagetype)
  Expected<FieldType> ParseFieldType() {
    FieldType f;
    bool mut = p_.IsSexpr("mut");
    if (mut) {
      p_.Next();
      p_.Next();
      f.mutable_ = true;
    }
    if (p_.IsKeyword("i8") || p_.IsKeyword("i16")) {
      f.packed = p_.Next().text == "i8" ? Packed::I8 : Packed::I16;
      f.type = ValType::I32();
    } else {
      MINICC_TRY_ASSIGN(f.type, p_.ParseValType());
    }
    if (mut)
      MINICC_TRY(p_.ExpectRParen());
    return f;
  }

  // comptype ::= (func ...) | (struct (field $id? fieldtype | field fieldtype*)*)
  //            | (array fieldtype)
  Status ParseCompType(SubType& st) {
    if (p_.IsSexpr("func")) {
      st.kind = CompositeKind::Func;
      MINICC_TRY_ASSIGN(st.func, p_.ParseFuncTypeBody(nullptr));
      return support::Ok{};
    }
    uint32_t type_index = uint32_t(m_.types.size());
    if (p_.IsSexpr("struct")) {
      p_.Next();
      p_.Next();
      st.kind = CompositeKind::Struct;
      while (p_.IsSexpr("field")) {
        p_.Next();
        p_.Next();
        if (p_.Peek().kind == TokenKind::Id) {
          const Token& id = p_.Next();
          MINICC_TRY_ASSIGN(std::string name, IdName(id));
          if (!p_.field_names_[type_index].emplace(name, uint32_t(st.fields.size())).second)
            return p_.ErrorAt(id, "duplicate field " + std::string(id.text));
          MINICC_TRY_ASSIGN(FieldType f, ParseFieldType());
          st.fields.push_back(f);
        } else {
          while (p_.Peek().kind != TokenKind::RParen) {
            MINICC_TRY_ASSIGN(FieldType f, ParseFieldType());
            st.fields.push_back(f);
          }
        }
        MINICC_TRY(p_.ExpectRParen());
      }
      return p_.ExpectRParen();
    }
    if (p_.IsSexpr("array")) {
      p_.Next();
      p_.Next();
      st.kind = CompositeKind::Array;
      MINICC_TRY_ASSIGN(FieldType f, ParseFieldType());
      st.fields.push_back(f);
      return p_.ExpectRParen();
    }
    return p_.Unexpected(p_.Peek(p_.Peek().kind == TokenKind::LParen ? 1 : 0));
  }

  Status ParseFields(size_t start) {
    p_.pos_ = start;
    while (p_.Peek().kind == TokenKind::LParen) {
      const Token& kw = p_.Peek(1);
      if (kw.kind != TokenKind::Keyword)
        return p_.Unexpected(kw);
      if (kw.text == "type" || kw.text == "rec") {
        size_t begin = p_.pos_;
        p_.pos_ = SkipSexpr(p_.toks_, p_.pos_);
        FieldSpan span;
        span.keyword = kw.text;
        span.begin = begin;
        span.end = p_.pos_;
        p_.fields_.push_back(span);
        continue;
      }
      FieldSpan span;
      span.keyword = kw.text;
      span.begin = p_.pos_;
      p_.fields_.push_back(span);
      p_.Next();
      p_.Next();
      Status st = support::Ok{};
      if (kw.text == "func") st = ParseFunc();
      else if (kw.text == "table") st = ParseTable();
      else if (kw.text == "memory") st = ParseMemory();
      else if (kw.text == "global") st = ParseGlobal();
      else if (kw.text == "tag") st = ParseTag();
      else if (kw.text == "import") st = ParseImport();
      else if (kw.text == "export") st = ParseExport();
      else if (kw.text == "start") st = ParseStart(kw);
      else if (kw.text == "elem") st = ParseElem();
      else if (kw.text == "data") st = ParseData();
      else return p_.Unexpected(kw);
      MINICC_TRY(std::move(st));
      MINICC_TRY(p_.ExpectRParen());
      p_.fields_.back().end = p_.pos_;
    }
    // wabt writes the data count section only when it is needed and there are segments.
    if (p_.uses_data_count_ && !m_.datas.empty())
      m_.data_count = uint32_t(m_.datas.size());
    m_.CountImports();
    return support::Ok{};
  }

private:
  uint32_t NextIndex(Space s) { return index_[size_t(s)]++; }

  // (export "name")* after a definition's $id.
  Status InlineExports(ExternKind kind, uint32_t index) {
    while (p_.IsSexpr("export")) {
      p_.Next();
      p_.Next();
      MINICC_TRY_ASSIGN(std::string name, p_.ParseName());
      MINICC_TRY(p_.ExpectRParen());
      m_.exports.push_back(Export{std::move(name), kind, index});
    }
    return support::Ok{};
  }

  // An import (inline or not) must come before every definition.
  Status CheckImportOrder(const Token& at) {
    if (first_def_)
      return p_.ErrorAt(at, std::string("import after ") +
                                (*first_def_ == Space::Func ? "function" : SpaceName(*first_def_)));
    return support::Ok{};
  }
  void NoteDefinition(Space s) {
    if (!first_def_)
      first_def_ = s;
  }

  // (import "m" "n") inside a definition: fills module/name; returns false if absent.
  Expected<bool> InlineImport(Import& imp) {
    if (!p_.IsSexpr("import"))
      return false;
    MINICC_TRY(CheckImportOrder(p_.Peek(1)));
    p_.Next();
    p_.Next();
    MINICC_TRY_ASSIGN(imp.module, p_.ParseName());
    MINICC_TRY_ASSIGN(imp.name, p_.ParseName());
    MINICC_TRY(p_.ExpectRParen());
    return true;
  }

  // $id? (export "n")* (import "m" "n")? of a definition: *index is its index; returns true
  // when it is an import (then parsed entirely and recorded).
  Expected<bool> Prelude(Space space, uint32_t* index) {
    p_.ParseOptId();
    *index = NextIndex(space);
    MINICC_TRY(InlineExports(KindOf(space), *index));
    Import imp;
    MINICC_TRY_ASSIGN(bool imported, InlineImport(imp));
    if (imported) {
      MINICC_TRY(ImportDesc(space, imp));
      m_.imports.push_back(std::move(imp));
    } else if (space != Space::Tag) {
      NoteDefinition(space);
    }
    return imported;
  }

  // The description of an imported entity of `space` after its $id and exports.
  Status ImportDesc(Space space, Import& imp) {
    imp.kind = KindOf(space);
    switch (space) {
    case Space::Func: {
      MINICC_TRY_ASSIGN(TypeUse use, p_.ParseTypeUse(true));
      MINICC_TRY_ASSIGN(imp.func_type, p_.ResolveTypeUse(use));
      return support::Ok{};
    }
    case Space::Tag: {
      MINICC_TRY_ASSIGN(TypeUse use, p_.ParseTypeUse(true));
      MINICC_TRY_ASSIGN(imp.tag.type_index, p_.ResolveTypeUse(use));
      return support::Ok{};
    }
    case Space::Table: {
      MINICC_TRY_ASSIGN(imp.table.limits, p_.ParseLimits(true));
      MINICC_TRY_ASSIGN(imp.table.elem, p_.ParseRefType());
      return support::Ok{};
    }
    case Space::Memory: {
      MINICC_TRY_ASSIGN(imp.memory.limits, p_.ParseLimits(true));
      return support::Ok{};
    }
    case Space::Global: {
      MINICC_TRY_ASSIGN(imp.global, ParseGlobalType());
      return support::Ok{};
    }
    default: return support::Ok{};
    }
  }

  // globaltype ::= valtype | (mut valtype)
  Expected<GlobalType> ParseGlobalType() {
    GlobalType g;
    if (p_.IsSexpr("mut")) {
      p_.Next();
      p_.Next();
      MINICC_TRY_ASSIGN(g.type, p_.ParseValType());
      MINICC_TRY(p_.ExpectRParen());
      g.mutable_ = true;
    } else {
      MINICC_TRY_ASSIGN(g.type, p_.ParseValType());
    }
    return g;
  }

  // import ::= (import "m" "n" (kind $id? desc))
  Status ParseImport() {
    const Token& at = p_.Peek();
    MINICC_TRY(CheckImportOrder(p_.toks_[p_.pos_ - 1]));
    (void)at;
    Import imp;
    MINICC_TRY_ASSIGN(imp.module, p_.ParseName());
    MINICC_TRY_ASSIGN(imp.name, p_.ParseName());
    MINICC_TRY(p_.Expect(TokenKind::LParen));
    const Token& kw = p_.Peek();
    auto space = kw.kind == TokenKind::Keyword ? FieldSpace(kw.text) : std::nullopt;
    if (!space)
      return p_.Unexpected(kw);
    p_.Next();
    p_.ParseOptId();
    NextIndex(*space);
    MINICC_TRY(ImportDesc(*space, imp));
    MINICC_TRY(p_.ExpectRParen());
    m_.imports.push_back(std::move(imp));
    return support::Ok{};
  }

  // func ::= (func $id? (export "n")* (import "m" "n")? typeuse (local ...)* instr*)
  Status ParseFunc() {
    uint32_t index;
    MINICC_TRY_ASSIGN(bool imported, Prelude(Space::Func, &index));
    p_.fields_.back().index = index;
    p_.fields_.back().prelude_end = p_.pos_;
    if (imported)
      return support::Ok{};
    p_.fields_.back().defined = uint32_t(m_.functions.size());
    MINICC_TRY_ASSIGN(TypeUse use, p_.ParseTypeUse(true));
    Function f;
    MINICC_TRY_ASSIGN(f.type_index, p_.ResolveTypeUse(use));
    p_.locals_.clear();
    p_.labels_.clear();
    uint32_t num_locals = 0;
    if (use.has_inline || !use.index) {
      for (const std::string& name : use.param_names) {
        if (!name.empty() && !p_.locals_.emplace(name, num_locals).second)
          return p_.ErrorAt(p_.Peek(), "duplicate local $" + name);
        ++num_locals;
      }
    } else if (const FuncType* ft = p_.TypeAt(f.type_index)) {
      num_locals = uint32_t(ft->params.size());
    }
    while (p_.IsSexpr("local")) {
      p_.Next();
      p_.Next();
      if (p_.Peek().kind == TokenKind::Id) {
        const Token& id = p_.Next();
        MINICC_TRY_ASSIGN(std::string name, IdName(id));
        if (!p_.locals_.emplace(name, num_locals).second)
          return p_.ErrorAt(id, "duplicate local " + std::string(id.text));
        MINICC_TRY_ASSIGN(ValType t, p_.ParseValType());
        AddLocal(f, t);
        ++num_locals;
      } else {
        while (p_.Peek().kind != TokenKind::RParen) {
          MINICC_TRY_ASSIGN(ValType t, p_.ParseValType());
          AddLocal(f, t);
          ++num_locals;
        }
      }
      MINICC_TRY(p_.ExpectRParen());
    }
    MINICC_TRY(p_.ParseInstrList(f.body));
    if (p_.Peek().kind != TokenKind::RParen)
      return p_.Unexpected(p_.Peek());
    Instr end;
    end.op = Opcode::End;
    end.offset = p_.Peek().offset;
    f.body.instrs.push_back(end);
    m_.functions.push_back(std::move(f));
    return support::Ok{};
  }

  // Consecutive locals of one type share a group (as wabt writes them).
  static void AddLocal(Function& f, ValType t) {
    if (!f.locals.empty() && f.locals.back().type == t)
      ++f.locals.back().count;
    else
      f.locals.push_back(LocalGroup{1, t});
  }

  // True if the next tokens start a reference type (table abbreviations).
  bool PeekRefType(size_t ahead) const {
    const Token& t = p_.Peek(ahead);
    if (t.kind == TokenKind::Keyword)
      return t.text.size() > 3 && t.text.substr(t.text.size() - 3) == "ref";
    return t.kind == TokenKind::LParen && p_.IsKeyword("ref", ahead + 1);
  }

  // table ::= (table $id? (export)* (import)? tabletype expr?)
  //         | (table $id? (export)* at? reftype (elem elemexpr* | elem funcidx*))
  Status ParseTable() {
    uint32_t index;
    MINICC_TRY_ASSIGN(bool imported, Prelude(Space::Table, &index));
    if (imported)
      return support::Ok{};
    Table table;
    bool is64 = false;
    size_t ahead = 0;
    if (p_.IsKeyword("i32") || p_.IsKeyword("i64")) {
      is64 = p_.IsKeyword("i64");
      ahead = 1;
    }
    if (PeekRefType(ahead)) {
      p_.pos_ += ahead;
      MINICC_TRY_ASSIGN(table.type.elem, p_.ParseRefType());
      if (!p_.IsSexpr("elem"))
        return p_.Unexpected(p_.Peek());
      p_.Next();
      p_.Next();
      ElemSegment seg;
      seg.mode = SegmentMode::Active;
      seg.table_index = index;
      seg.offset = ConstZero(is64);
      seg.elem_type = table.type.elem;
      MINICC_TRY(ParseElemList(seg, /*func_keyword_optional=*/true));
      MINICC_TRY(p_.ExpectRParen());
      table.type.limits.is64 = is64;
      table.type.limits.min = seg.size();
      table.type.limits.max = seg.size();
      m_.tables.push_back(std::move(table));
      NextIndex(Space::Elem);
      m_.elems.push_back(std::move(seg));
      return support::Ok{};
    }
    MINICC_TRY_ASSIGN(table.type.limits, p_.ParseLimits(true));
    MINICC_TRY_ASSIGN(table.type.elem, p_.ParseRefType());
    if (p_.Peek().kind == TokenKind::LParen) {
      MINICC_TRY_ASSIGN(Expr init, p_.ParseConstExpr());
      table.init = std::move(init);
    }
    m_.tables.push_back(std::move(table));
    return support::Ok{};
  }

  // memory ::= (memory $id? (export)* (import)? memtype)
  //          | (memory $id? (export)* at? (data string*))
  Status ParseMemory() {
    uint32_t index;
    MINICC_TRY_ASSIGN(bool imported, Prelude(Space::Memory, &index));
    if (imported)
      return support::Ok{};
    Memory mem;
    bool is64 = false;
    size_t ahead = 0;
    if (p_.IsKeyword("i32") || p_.IsKeyword("i64")) {
      is64 = p_.IsKeyword("i64");
      ahead = 1;
    }
    if (p_.Peek(ahead).kind == TokenKind::LParen && p_.IsKeyword("data", ahead + 1)) {
      p_.pos_ += ahead + 2;
      DataSegment seg;
      seg.memory_index = index;
      seg.offset = ConstZero(is64);
      MINICC_TRY(ParseDataStrings(seg));
      MINICC_TRY(p_.ExpectRParen());
      uint64_t pages = (seg.bytes.size() + kPageSize - 1) / kPageSize;
      mem.type.limits.is64 = is64;
      mem.type.limits.min = pages;
      mem.type.limits.max = pages;
      m_.memories.push_back(mem);
      NextIndex(Space::Data);
      m_.datas.push_back(std::move(seg));
      return support::Ok{};
    }
    MINICC_TRY_ASSIGN(mem.type.limits, p_.ParseLimits(true));
    m_.memories.push_back(mem);
    return support::Ok{};
  }

  // global ::= (global $id? (export)* (import)? globaltype expr)
  Status ParseGlobal() {
    uint32_t index;
    MINICC_TRY_ASSIGN(bool imported, Prelude(Space::Global, &index));
    if (imported)
      return support::Ok{};
    Global g;
    MINICC_TRY_ASSIGN(g.type, ParseGlobalType());
    MINICC_TRY_ASSIGN(g.init, p_.ParseConstExpr());
    m_.globals.push_back(std::move(g));
    return support::Ok{};
  }

  // tag ::= (tag $id? (export)* (import)? typeuse)
  Status ParseTag() {
    uint32_t index;
    MINICC_TRY_ASSIGN(bool imported, Prelude(Space::Tag, &index));
    p_.fields_.back().index = index;
    p_.fields_.back().prelude_end = p_.pos_;
    if (imported)
      return support::Ok{};
    MINICC_TRY_ASSIGN(TypeUse use, p_.ParseTypeUse(true));
    Tag tag;
    MINICC_TRY_ASSIGN(tag.type.type_index, p_.ResolveTypeUse(use));
    m_.tags.push_back(tag);
    return support::Ok{};
  }

  // export ::= (export "name" (kind index))
  Status ParseExport() {
    Export ex;
    MINICC_TRY_ASSIGN(ex.name, p_.ParseName());
    MINICC_TRY(p_.Expect(TokenKind::LParen));
    const Token& kw = p_.Peek();
    auto space = kw.kind == TokenKind::Keyword ? FieldSpace(kw.text) : std::nullopt;
    if (!space)
      return p_.Unexpected(kw);
    p_.Next();
    ex.kind = KindOf(*space);
    MINICC_TRY_ASSIGN(ex.index, p_.ParseIndex(*space));
    MINICC_TRY(p_.ExpectRParen());
    m_.exports.push_back(std::move(ex));
    return support::Ok{};
  }

  Status ParseStart(const Token& kw) {
    if (m_.start)
      return p_.ErrorAt(kw, "multiple start sections");
    MINICC_TRY_ASSIGN(uint32_t index, p_.ParseIndex(Space::Func));
    m_.start = index;
    return support::Ok{};
  }

  // offset ::= (offset instr*) | foldedinstr
  Expected<Expr> ParseOffset() {
    if (p_.IsSexpr("offset")) {
      p_.Next();
      p_.Next();
      MINICC_TRY_ASSIGN(Expr e, p_.ParseConstExpr());
      MINICC_TRY(p_.ExpectRParen());
      return e;
    }
    if (p_.Peek().kind != TokenKind::LParen)
      return p_.Unexpected(p_.Peek());
    Expr e;
    p_.labels_.clear();
    MINICC_TRY(p_.ParseFoldedInstr(e));
    Instr end;
    end.op = Opcode::End;
    e.instrs.push_back(end);
    return e;
  }

  // elemlist ::= reftype elemexpr* | func funcidx* | funcidx* (when func_keyword_optional)
  // elemexpr ::= (item instr*) | foldedinstr
  Status ParseElemList(ElemSegment& seg, bool func_keyword_optional) {
    std::vector<Expr> exprs;
    bool indices = false;
    if (p_.IsKeyword("func")) {
      p_.Next();
      indices = true;
      seg.elem_type = ValType::FuncRef();
    } else if (PeekRefType(0)) {
      MINICC_TRY_ASSIGN(seg.elem_type, p_.ParseRefType());
    } else if (func_keyword_optional) {
      indices = p_.Peek().kind != TokenKind::LParen;
    } else {
      return p_.Unexpected(p_.Peek());
    }
    if (indices) {
      while (p_.PeekIndex()) {
        const Token& at = p_.Peek();
        MINICC_TRY_ASSIGN(uint32_t f, p_.ParseIndex(Space::Func));
        if (seg.elem_type == ValType::FuncRef()) {
          seg.func_indices.push_back(f);
          continue;
        }
        // Other element types ((ref null $t) ...) need expressions: ref.func f.
        Expr e;
        Instr ref;
        ref.op = Opcode::RefFunc;
        ref.a = f;
        ref.offset = at.offset;
        e.instrs.push_back(ref);
        Instr end;
        end.op = Opcode::End;
        e.instrs.push_back(end);
        seg.exprs.push_back(std::move(e));
      }
      seg.uses_exprs = seg.elem_type != ValType::FuncRef();
      return support::Ok{};
    }
    while (p_.Peek().kind == TokenKind::LParen) {
      Expr e;
      p_.labels_.clear();
      if (p_.IsSexpr("item")) {
        p_.Next();
        p_.Next();
        MINICC_TRY_ASSIGN(e, p_.ParseConstExpr());
        MINICC_TRY(p_.ExpectRParen());
      } else {
        MINICC_TRY(p_.ParseFoldedInstr(e));
        Instr end;
        end.op = Opcode::End;
        e.instrs.push_back(end);
      }
      exprs.push_back(std::move(e));
    }
    // wabt writes funcref segments of ref.func items as function indices.
    bool all_ref_func = seg.elem_type == ValType::FuncRef();
    for (const Expr& e : exprs)
      all_ref_func = all_ref_func && e.instrs[0].op == Opcode::RefFunc;
    if (all_ref_func) {
      for (const Expr& e : exprs)
        seg.func_indices.push_back(e.instrs[0].a);
      seg.uses_exprs = false;
    } else {
      seg.exprs = std::move(exprs);
      seg.uses_exprs = true;
    }
    return support::Ok{};
  }

  // elem ::= (elem $id? elemlist) | (elem $id? declare elemlist)
  //        | (elem $id? (table x)? offset elemlist) | (elem $id? offset funcidx*)
  Status ParseElem() {
    p_.ParseOptId();
    NextIndex(Space::Elem);
    ElemSegment seg;
    if (p_.IsKeyword("declare")) {
      p_.Next();
      seg.mode = SegmentMode::Declarative;
      MINICC_TRY(ParseElemList(seg, false));
    } else if (p_.IsSexpr("table") || p_.PeekIndex() ||
               (p_.Peek().kind == TokenKind::LParen && !p_.IsKeyword("item", 1) &&
                !p_.IsKeyword("ref", 1))) {
      seg.mode = SegmentMode::Active;
      if (p_.IsSexpr("table")) {
        p_.Next();
        p_.Next();
        MINICC_TRY_ASSIGN(seg.table_index, p_.ParseIndex(Space::Table));
        MINICC_TRY(p_.ExpectRParen());
      } else if (p_.PeekIndex()) {
        MINICC_TRY_ASSIGN(seg.table_index, p_.ParseIndex(Space::Table));
      }
      MINICC_TRY_ASSIGN(seg.offset, ParseOffset());
      MINICC_TRY(ParseElemList(seg, true));
    } else {
      seg.mode = SegmentMode::Passive;
      MINICC_TRY(ParseElemList(seg, false));
    }
    m_.elems.push_back(std::move(seg));
    return support::Ok{};
  }

  Status ParseDataStrings(DataSegment& seg) {
    while (p_.Peek().kind == TokenKind::String) {
      MINICC_TRY_ASSIGN(std::string s, p_.ParseString());
      seg.bytes.insert(seg.bytes.end(), s.begin(), s.end());
    }
    return support::Ok{};
  }

  // data ::= (data $id? string*) | (data $id? (memory x)? offset string*)
  Status ParseData() {
    p_.ParseOptId();
    NextIndex(Space::Data);
    DataSegment seg;
    if (p_.Peek().kind == TokenKind::String || p_.Peek().kind == TokenKind::RParen) {
      seg.mode = SegmentMode::Passive;
    } else {
      seg.mode = SegmentMode::Active;
      if (p_.IsSexpr("memory")) {
        p_.Next();
        p_.Next();
        MINICC_TRY_ASSIGN(seg.memory_index, p_.ParseIndex(Space::Memory));
        MINICC_TRY(p_.ExpectRParen());
      } else if (p_.PeekIndex()) {
        MINICC_TRY_ASSIGN(seg.memory_index, p_.ParseIndex(Space::Memory));
      }
      MINICC_TRY_ASSIGN(seg.offset, ParseOffset());
    }
    MINICC_TRY(ParseDataStrings(seg));
    m_.datas.push_back(std::move(seg));
    return support::Ok{};
  }

  Parser& p_;
  Module& m_;
  uint32_t index_[size_t(Space::kCount)] = {};
  std::optional<Space> first_def_;
  bool has_rec_ = false;
  std::vector<std::pair<uint32_t, uint32_t>> rec_;
};

}  // namespace

Expected<Module> Parser::ParseFields() {
  size_t start = pos_;
  NameScanner names(*this);
  MINICC_TRY(names.Run(start));
  FieldParser fields(*this);
  MINICC_TRY(fields.ParseTypes(start));
  MINICC_TRY(fields.ParseFields(start));
  const Token& t = Peek();
  if (t.kind != TokenKind::RParen && t.kind != TokenKind::Eof)
    return Unexpected(t);
  MINICC_TRY(ApplyAnnotations());
  return std::move(m_);
}

}  // namespace text

using support::Expected;
using support::MakeError;

Expected<TextModule> ParseModuleSexpr(std::string_view source, const std::vector<Token>& tokens,
                                      size_t* pos, const TextOptions& options) {
  text::Parser p(source, tokens, *pos, options);  // module_begin_: the `(`
  TextModule tm;
  tm.offset = p.Peek().offset;
  MINICC_TRY(p.Expect(TokenKind::LParen));
  MINICC_TRY(p.ExpectKeyword("module"));
  if (p.IsKeyword("definition")) {
    p.Next();
    tm.definition = true;
  }
  if (p.Peek().kind == TokenKind::Id) {
    MINICC_TRY_ASSIGN(tm.name, IdName(p.Next()));
  }
  if (p.IsKeyword("binary") || p.IsKeyword("quote")) {
    bool binary = p.Next().text == "binary";
    tm.form = binary ? TextModule::Form::Binary : TextModule::Form::Quote;
    while (p.Peek().kind == TokenKind::String) {
      const Token& t = p.Peek();
      MINICC_TRY_ASSIGN(std::string s, DecodeString(t, binary ? nullptr : &tm.quote_offsets));
      p.Next();
      if (binary) {
        tm.bytes.insert(tm.bytes.end(), s.begin(), s.end());
      } else {
        tm.quote += s + " ";  // the space between two strings is their closing quote
        tm.quote_offsets.push_back(t.offset + t.length - 1);
      }
    }
    if (!binary)
      tm.quote_offsets.push_back(p.Peek().offset);
    MINICC_TRY(p.ExpectRParen());
    *pos = p.pos();
    return tm;
  }
  MINICC_TRY_ASSIGN(tm.module, p.ParseFields());
  MINICC_TRY(p.ExpectRParen());
  *pos = p.pos();
  return tm;
}

Expected<Module> ParseModuleFields(std::string_view source, const std::vector<Token>& tokens,
                                   size_t* pos, const TextOptions& options) {
  text::Parser p(source, tokens, *pos, options);
  MINICC_TRY_ASSIGN(Module m, p.ParseFields());
  *pos = p.pos();
  return m;
}

Expected<Module> ParseWatModule(std::string_view source, const TextOptions& text_options) {
  std::vector<TextAnnotation> annotations;
  MINICC_TRY_ASSIGN(std::vector<Token> tokens, Tokenize(source, &annotations));
  TextOptions options = text_options;
  options.annotations = &annotations;
  size_t pos = 0;
  if (tokens.size() > 2 && tokens[0].kind == TokenKind::LParen &&
      tokens[1].kind == TokenKind::Keyword && tokens[1].text == "module") {
    MINICC_TRY_ASSIGN(TextModule tm, ParseModuleSexpr(source, tokens, &pos, options));
    if (tokens[pos].kind != TokenKind::Eof)
      return MakeError("unexpected token " + std::string(tokens[pos].text), tokens[pos].offset);
    switch (tm.form) {
    case TextModule::Form::Text: return std::move(tm.module);
    case TextModule::Form::Binary: {
      ReadOptions read_options;
      read_options.spec = options.spec;
      auto m = ReadModule(tm.bytes, read_options);
      if (!m)
        return MakeError(m.error().message, tm.offset);
      return m;
    }
    case TextModule::Form::Quote: {
      auto m = ParseWatModule(tm.quote, options);
      if (!m)
        return MapQuoteError(tm, std::move(m).error());
      return m;
    }
    }
  }
  MINICC_TRY_ASSIGN(Module m, ParseModuleFields(source, tokens, &pos, options));
  if (tokens[pos].kind != TokenKind::Eof)
    return MakeError("unexpected token " + std::string(tokens[pos].text), tokens[pos].offset);
  return m;
}

support::Error MapQuoteError(const TextModule& tm, support::Error error) {
  if (error.HasOffset() && !tm.quote_offsets.empty())
    error.offset = tm.quote_offsets[std::min<size_t>(error.offset, tm.quote_offsets.size() - 1)];
  return error;
}

std::string FormatTextError(const support::SourceFile& file, const support::Error& error) {
  support::Diagnostic d;
  d.file = &file;
  d.offset = error.HasOffset() ? error.offset : 0;
  d.message = error.message;
  return support::FormatDiagnostic(d);
}

}  // namespace minicc::wasm
