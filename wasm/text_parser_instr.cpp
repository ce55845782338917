// WAT parser, part 2: instructions (spec 6.5), flat and folded, into an Expr. Instruction names
// and immediate kinds come from opcodes.def (LookupByName/Info); this file only knows how each
// immediate kind is written in text. Labels are resolved against the stack of enclosing block
// labels, locals against the current function's names.
#include <algorithm>

#include "wasm/text_parser_internal.h"

namespace minicc::wasm::text {
namespace {

// Deeper nesting is rejected rather than risking the native stack.
constexpr size_t kMaxNesting = 1000;  // fits 8 MiB of stack in the ASan build too

bool IsBlockOp(std::string_view s) {
  return s == "block" || s == "loop" || s == "if" || s == "try_table" || s == "try";
}

bool IsFlatTerminator(std::string_view s) {
  return s == "end" || s == "else" || s == "catch" || s == "catch_all" || s == "delegate";
}

}  // namespace

Expected<uint32_t> Parser::ParseLabel() {
  const Token& t = Peek();
  if (t.kind == TokenKind::Number)
    return ParseU32();
  if (t.kind != TokenKind::Id)
    return Unexpected(t);
  MINICC_TRY_ASSIGN(std::string name, IdName(t));
  for (size_t i = labels_.size(); i-- > 0;) {
    if (labels_[i] == name) {
      Next();
      return uint32_t(labels_.size() - 1 - i);
    }
  }
  return ErrorAt(t, "unknown label");
}

// The number after `prefix` in a keyword token like `offset=16`; nullopt if the next token is
// not such a keyword.
Expected<std::optional<uint64_t>> Parser::ParseKeywordNumber(std::string_view prefix) {
  const Token& t = Peek();
  if (t.kind != TokenKind::Keyword || t.text.substr(0, prefix.size()) != prefix)
    return std::optional<uint64_t>();
  Token num = t;
  num.text = t.text.substr(prefix.size());
  num.offset += uint32_t(prefix.size());
  num.kind = TokenKind::Number;
  if (num.text.empty() || num.text[0] == '+' || num.text[0] == '-')
    return Unexpected(t);
  MINICC_TRY_ASSIGN(uint64_t v, ParseInt(num, 64));
  Next();
  return std::optional<uint64_t>(v);
}

// memarg ::= (offset=u64)? (align=u32)?   (the memory index, in.b, is parsed by the caller)
Status Parser::ParseMemArg(Instr& in, uint32_t natural_align) {
  in.a = natural_align;
  in.c = 0;
  const Token& offset_token = Peek();
  MINICC_TRY_ASSIGN(std::optional<uint64_t> offset, ParseKeywordNumber("offset="));
  if (offset) {
    bool is64 = in.b < memory64_.size() && memory64_[in.b];
    if (!is64 && *offset > UINT32_MAX && Before30(options_.spec))
      return MakeError("i32 constant out of range", offset_token.offset + 7);
    in.c = *offset;
  }
  const Token& align_token = Peek();
  MINICC_TRY_ASSIGN(std::optional<uint64_t> align, ParseKeywordNumber("align="));
  if (align) {
    uint64_t v = *align;
    if (v == 0 || (v & (v - 1)) != 0)
      return ErrorAt(align_token, "alignment must be a power of two");
    uint32_t log2 = 0;
    while ((uint64_t{1} << log2) < v)
      ++log2;
    in.a = log2;
  }
  return support::Ok{};
}

// v128.const shape lane*
Status Parser::ParseV128Const(Expr& e, Instr& in) {
  const Token& shape = Peek();
  if (shape.kind != TokenKind::Keyword)
    return Unexpected(shape);
  int lanes = 0, bits = 0;
  bool is_float = false;
  if (shape.text == "i8x16") lanes = 16, bits = 8;
  else if (shape.text == "i16x8") lanes = 8, bits = 16;
  else if (shape.text == "i32x4") lanes = 4, bits = 32;
  else if (shape.text == "i64x2") lanes = 2, bits = 64;
  else if (shape.text == "f32x4") lanes = 4, bits = 32, is_float = true;
  else if (shape.text == "f64x2") lanes = 2, bits = 64, is_float = true;
  else return Unexpected(shape);
  Next();
  // The count is checked before the values (as the reference parser does). In flat code the
  // next instruction follows the lanes directly: an instruction name ends them.
  int given = 0;
  for (;; ++given) {
    const Token& t = Peek(given);
    if (t.kind == TokenKind::LParen || t.kind == TokenKind::RParen || t.kind == TokenKind::Eof ||
        (t.kind == TokenKind::Keyword && !LookupByName(t.text).empty()))
      break;
  }
  if (given != lanes)
    return ErrorAt(Peek(std::min(given, lanes)), "wrong number of lane literals");
  V128 v{};
  for (int i = 0; i < lanes; ++i) {
    const Token& t = Peek();
    if (t.kind != TokenKind::Number)
      return Unexpected(t);
    uint64_t bitsval;
    if (is_float) {
      MINICC_TRY_ASSIGN(bitsval, ParseFloatBits(t, bits));
    } else {
      MINICC_TRY_ASSIGN(bitsval, ParseInt(t, bits));
    }
    Next();
    for (int b = 0; b < bits / 8; ++b)
      v[i * (bits / 8) + b] = uint8_t(bitsval >> (8 * b));
  }
  in.a = uint32_t(e.v128s.size());
  e.v128s.push_back(v);
  return support::Ok{};
}

// blocktype ::= (type x)? (param t*)* (result t*)*
// A (type x) without params and with at most one result is written in its short form, as wabt
// does; other multi-value signatures become type indices (implicit types appended).
Status Parser::ParseBlockType(Expr& e, Instr& in) {
  MINICC_TRY_ASSIGN(TypeUse use, ParseTypeUse(false));
  BlockType bt;
  const FuncType* sig = &use.sig;
  if (use.index) {
    const FuncType* ft = TypeAt(*use.index);
    if (use.has_inline && *use.index >= m_.types.size())
      return MakeError("unknown type", use.offset);
    if (use.has_inline && (!ft || !(*ft == use.sig)))
      return MakeError("inline function type", use.offset);
    sig = ft;
  }
  if (sig && sig->params.empty() && sig->results.size() <= 1) {
    if (!sig->results.empty()) {
      bt.kind = BlockType::Kind::Value;
      bt.value = sig->results[0];
    }
  } else {
    bt.kind = BlockType::Kind::Index;
    MINICC_TRY_ASSIGN(bt.index, ResolveTypeUse(use));
  }
  in.a = uint32_t(e.block_types.size());
  e.block_types.push_back(bt);
  return support::Ok{};
}

// Parses the immediates of the instruction named by op_token (already consumed) into `in`.
Status Parser::ParsePlainInstr(Expr& e, const Token& op_token) {
  std::span<const Opcode> ops = LookupByName(op_token.text);
  if (ops.empty() || op_token.kind != TokenKind::Keyword)
    return ErrorAt(op_token, "unknown operator " + std::string(op_token.text));
  Opcode op = ops[0];
  if (ops.size() > 1) {
    // select / select (result t): ref.test / ref.test null: the second row needs the extra
    // syntax.
    if (op == Opcode::Select) {
      if (IsSexpr("result"))
        op = ops[1];
    } else if (IsKeyword("null") || (Peek().kind == TokenKind::LParen && IsKeyword("ref", 1) &&
                                     IsKeyword("null", 2))) {
      op = ops[1];
    } else if (Peek().kind == TokenKind::Keyword && Peek().text.size() > 3 &&
               Peek().text.substr(Peek().text.size() - 3) == "ref") {
      op = ops[1];  // funcref, anyref, ...: the nullable abbreviations
    }
  }
  const OpcodeInfo& info = Info(op);
  Instr& in = e.instrs.emplace_back();
  size_t index = e.instrs.size() - 1;
  in.op = op;
  in.offset = op_token.offset;
  Instr tmp = in;
  auto result = [&]() -> Status {
    switch (info.imm) {
    case ImmKind::None:
    case ImmKind::Fence: return support::Ok{};
    case ImmKind::BlockType: return ParseBlockType(e, tmp);
    case ImmKind::Label: {
      MINICC_TRY_ASSIGN(tmp.a, ParseLabel());
      return support::Ok{};
    }
    case ImmKind::BrTable: {
      tmp.a = uint32_t(e.u32s.size());
      while (PeekIndex()) {
        MINICC_TRY_ASSIGN(uint32_t l, ParseLabel());
        e.u32s.push_back(l);
      }
      tmp.b = uint32_t(e.u32s.size()) - tmp.a;
      if (tmp.b == 0)
        return Unexpected(Peek());
      return support::Ok{};
    }
    case ImmKind::Func: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Func));
      return support::Ok{};
    }
    case ImmKind::CallIndirect: {
      if (PeekIndex()) {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(Space::Table));
      }
      MINICC_TRY_ASSIGN(TypeUse use, ParseTypeUse(false));
      MINICC_TRY_ASSIGN(tmp.a, ResolveTypeUse(use));
      return support::Ok{};
    }
    case ImmKind::Type: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Type));
      return support::Ok{};
    }
    case ImmKind::Local: {
      const Token& t = Peek();
      if (t.kind == TokenKind::Id) {
        MINICC_TRY_ASSIGN(std::string name, IdName(t));
        auto it = locals_.find(name);
        if (it == locals_.end())
          return ErrorAt(t, "unknown local " + std::string(t.text));
        tmp.a = it->second;
        Next();
        return support::Ok{};
      }
      MINICC_TRY_ASSIGN(tmp.a, ParseU32());
      return support::Ok{};
    }
    case ImmKind::Global: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Global));
      return support::Ok{};
    }
    case ImmKind::Table:
      if (PeekIndex()) {
        MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Table));
      }
      return support::Ok{};
    case ImmKind::Memory:
      if (PeekIndex()) {
        MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Memory));
      }
      return support::Ok{};
    case ImmKind::MemArg:
      if (PeekIndex()) {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(Space::Memory));
      }
      return ParseMemArg(tmp, info.natural_align);
    case ImmKind::MemArgLane: {
      // memidx? memarg laneidx: a leading index is the memory when another number or a
      // memarg keyword follows it.
      bool has_mem = Peek().kind == TokenKind::Id ||
                     (Peek().kind == TokenKind::Number &&
                      (Peek(1).kind == TokenKind::Number ||
                       (Peek(1).kind == TokenKind::Keyword &&
                        (Peek(1).text.substr(0, 7) == "offset=" ||
                         Peek(1).text.substr(0, 6) == "align="))));
      if (has_mem) {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(Space::Memory));
      }
      MINICC_TRY(ParseMemArg(tmp, info.natural_align));
      [[fallthrough]];
    }
    case ImmKind::Lane: {
      const Token& t = Peek();
      if (t.kind != TokenKind::Number || t.text[0] == '-' || t.text[0] == '+')
        return Unexpected(t);
      MINICC_TRY_ASSIGN(uint64_t v, ParseInt(t, 64));  // "unexpected token" if not an integer
      if (v > 255)
        return ErrorAt(t, LaneIndexError());
      tmp.lane = uint8_t(v);
      Next();
      return support::Ok{};
    }
    case ImmKind::I32: {
      MINICC_TRY_ASSIGN(uint64_t v, ParseInt(Peek(), 32));
      tmp.c = uint64_t(int64_t(int32_t(uint32_t(v))));
      Next();
      return support::Ok{};
    }
    case ImmKind::I64: {
      MINICC_TRY_ASSIGN(tmp.c, ParseInt(Peek(), 64));
      Next();
      return support::Ok{};
    }
    case ImmKind::F32:
    case ImmKind::F64: {
      MINICC_TRY_ASSIGN(tmp.c, ParseFloatBits(Peek(), info.imm == ImmKind::F32 ? 32 : 64));
      Next();
      return support::Ok{};
    }
    case ImmKind::V128: return ParseV128Const(e, tmp);
    case ImmKind::Shuffle: {
      V128 v{};
      for (int i = 0; i < 16; ++i) {
        const Token& t = Peek();
        if (t.kind != TokenKind::Number)
          return ErrorAt(t, "invalid lane length");
        auto lane = ParseInt(t, 64);
        if (!lane || t.text[0] == '-' || t.text[0] == '+' || *lane > 255)
          return ErrorAt(t, LaneIndexError());
        v[i] = uint8_t(*lane);
        Next();
      }
      if (Peek().kind == TokenKind::Number)
        return ErrorAt(Peek(), "invalid lane length");
      tmp.a = uint32_t(e.v128s.size());
      e.v128s.push_back(v);
      return support::Ok{};
    }
    case ImmKind::SelectT: {
      tmp.a = uint32_t(e.val_types.size());
      while (IsSexpr("result")) {
        Next();
        Next();
        while (Peek().kind != TokenKind::RParen) {
          MINICC_TRY_ASSIGN(ValType t, ParseValType());
          e.val_types.push_back(t);
        }
        MINICC_TRY(ExpectRParen());
      }
      // `select (result)` stays a typed select with no types (0x1c 0x00), as in the reference
      // parser, so that the validator reports "invalid result arity" (select.wast).
      tmp.b = uint32_t(e.val_types.size()) - tmp.a;
      return support::Ok{};
    }
    case ImmKind::HeapType: {
      if (IsKeyword("null"))
        Next();
      HeapType h;
      if (IsSexpr("ref")) {
        MINICC_TRY_ASSIGN(ValType t, ParseRefType());
        h = t.heap;
      } else if (Peek().kind == TokenKind::Keyword && Peek().text.size() > 3 &&
                 Peek().text.substr(Peek().text.size() - 3) == "ref") {
        MINICC_TRY_ASSIGN(ValType t, ParseRefType());
        h = t.heap;
      } else {
        MINICC_TRY_ASSIGN(h, ParseHeapType());
      }
      tmp.a = uint32_t(e.heap_types.size());
      e.heap_types.push_back(h);
      return support::Ok{};
    }
    case ImmKind::MemoryInit:
    case ImmKind::TableInit: {
      Space first = info.imm == ImmKind::MemoryInit ? Space::Memory : Space::Table;
      Space second = info.imm == ImmKind::MemoryInit ? Space::Data : Space::Elem;
      bool two = PeekIndex() && (Peek(1).kind == TokenKind::Id || Peek(1).kind == TokenKind::Number);
      if (two) {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(first));
      }
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(second));
      return support::Ok{};
    }
    case ImmKind::MemoryCopy:
    case ImmKind::TableCopy: {
      Space space = info.imm == ImmKind::MemoryCopy ? Space::Memory : Space::Table;
      if (PeekIndex()) {
        MINICC_TRY_ASSIGN(tmp.a, ParseIndex(space));
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(space));
      }
      return support::Ok{};
    }
    case ImmKind::Data: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Data));
      return support::Ok{};
    }
    case ImmKind::Elem: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Elem));
      return support::Ok{};
    }
    case ImmKind::Tag: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Tag));
      return support::Ok{};
    }
    case ImmKind::TryTable:
      return ErrorAt(op_token, "unexpected token " + std::string(op_token.text));
    case ImmKind::TypeField: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Type));
      MINICC_TRY_ASSIGN(tmp.b, ParseFieldIndex(tmp.a));
      return support::Ok{};
    }
    case ImmKind::TypeType:
    case ImmKind::TypeU32:
    case ImmKind::TypeData:
    case ImmKind::TypeElem: {
      MINICC_TRY_ASSIGN(tmp.a, ParseIndex(Space::Type));
      if (info.imm == ImmKind::TypeType) {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(Space::Type));
      } else if (info.imm == ImmKind::TypeU32) {
        MINICC_TRY_ASSIGN(tmp.b, ParseU32());
      } else if (info.imm == ImmKind::TypeData) {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(Space::Data));
      } else {
        MINICC_TRY_ASSIGN(tmp.b, ParseIndex(Space::Elem));
      }
      return support::Ok{};
    }
    case ImmKind::BrOnCast: {
      // br_on_cast labelidx reftype reftype: the cast flags say which of the two is nullable.
      MINICC_TRY_ASSIGN(tmp.a, ParseLabel());
      MINICC_TRY_ASSIGN(ValType from, ParseRefType());
      MINICC_TRY_ASSIGN(ValType to, ParseRefType());
      tmp.lane = uint8_t((from.nullable ? 1 : 0) | (to.nullable ? 2 : 0));
      tmp.b = uint32_t(e.heap_types.size());
      e.heap_types.push_back(from.heap);
      e.heap_types.push_back(to.heap);
      return support::Ok{};
    }
    }
    return support::Ok{};
  }();
  if (!result)
    return result;
  if (op == Opcode::MemoryInit || op == Opcode::DataDrop)
    uses_data_count_ = true;
  e.instrs[index] = tmp;
  return support::Ok{};
}

// A field of struct type `type_index`: a nat or the field's $id.
Expected<uint32_t> Parser::ParseFieldIndex(uint32_t type_index) {
  const Token& t = Peek();
  if (t.kind != TokenKind::Id)
    return ParseU32();
  MINICC_TRY_ASSIGN(std::string name, IdName(t));
  auto names = field_names_.find(type_index);
  if (names != field_names_.end()) {
    auto it = names->second.find(name);
    if (it != names->second.end()) {
      Next();
      return it->second;
    }
  }
  return ErrorAt(t, "unknown field " + std::string(t.text));
}

// catch ::= (catch tagidx labelidx) | (catch_ref tagidx labelidx) | (catch_all labelidx)
//         | (catch_all_ref labelidx)      (labels resolve outside the try_table's own label)
Status Parser::ParseCatches(Expr& e, Instr& in) {
  in.b = uint32_t(e.catches.size());
  for (;;) {
    if (Peek().kind != TokenKind::LParen)
      break;
    Catch c{};
    if (IsKeyword("catch", 1)) c.kind = Catch::Kind::Catch;
    else if (IsKeyword("catch_ref", 1)) c.kind = Catch::Kind::CatchRef;
    else if (IsKeyword("catch_all", 1)) c.kind = Catch::Kind::CatchAll;
    else if (IsKeyword("catch_all_ref", 1)) c.kind = Catch::Kind::CatchAllRef;
    else break;
    Next();
    Next();
    if (c.kind == Catch::Kind::Catch || c.kind == Catch::Kind::CatchRef) {
      MINICC_TRY_ASSIGN(c.tag, ParseIndex(Space::Tag));
    }
    MINICC_TRY_ASSIGN(c.label, ParseLabel());
    MINICC_TRY(ExpectRParen());
    e.catches.push_back(c);
  }
  in.c = e.catches.size() - in.b;
  return support::Ok{};
}

// One flat block instruction (its keyword consumed): label? blocktype instr* (else instr*)? end
Status Parser::ParseFlatBlock(Expr& e, const Token& op_token) {
  std::string label;
  if (Peek().kind == TokenKind::Id) {
    MINICC_TRY_ASSIGN(label, IdName(Peek()));
    Next();
  }
  Opcode op = LookupByName(op_token.text)[0];
  Instr in;
  in.op = op;
  in.offset = op_token.offset;
  MINICC_TRY(ParseBlockType(e, in));
  if (op == Opcode::TryTable)
    MINICC_TRY(ParseCatches(e, in));
  e.instrs.push_back(in);
  labels_.push_back(label);
  MINICC_TRY(ParseInstrList(e));
  auto end_label = [&]() -> Status {
    if (Peek().kind == TokenKind::Id) {
      MINICC_TRY_ASSIGN(std::string name, IdName(Peek()));
      if (name != label)
        return ErrorAt(Peek(), "mismatching label");
      Next();
    }
    return support::Ok{};
  };
  if (op == Opcode::If && IsKeyword("else")) {
    Instr el;
    el.op = Opcode::Else;
    el.offset = Next().offset;
    MINICC_TRY(end_label());
    e.instrs.push_back(el);
    size_t before = e.instrs.size();
    MINICC_TRY(ParseInstrList(e));
    if (e.instrs.size() == before)
      e.instrs.pop_back();  // an empty else is not written (as wabt does)
  }
  if (op == Opcode::Try) {
    // Legacy exceptions: (catch tag instr*)* (catch_all instr*)? end | delegate label
    // `catch_all` is the last clause, and `delegate` replaces the clauses.
    bool clauses = false, catch_all = false;
    while (!catch_all && (IsKeyword("catch") || IsKeyword("catch_all"))) {
      Instr c;
      c.offset = Peek().offset;
      c.op = Next().text == "catch" ? Opcode::Catch : Opcode::CatchAll;
      if (c.op == Opcode::Catch) {
        MINICC_TRY_ASSIGN(c.a, ParseIndex(Space::Tag));
      }
      clauses = true;
      catch_all = c.op == Opcode::CatchAll;
      e.instrs.push_back(c);
      MINICC_TRY(ParseInstrList(e));
    }
    if (!clauses && IsKeyword("delegate")) {
      Instr d;
      d.op = Opcode::Delegate;
      d.offset = Next().offset;
      labels_.pop_back();
      MINICC_TRY_ASSIGN(d.a, ParseLabel());
      e.instrs.push_back(d);
      return support::Ok{};
    }
  }
  if (!IsKeyword("end"))
    return Unexpected(Peek());
  Instr end;
  end.op = Opcode::End;
  end.offset = Next().offset;
  MINICC_TRY(end_label());
  e.instrs.push_back(end);
  labels_.pop_back();
  return support::Ok{};
}

// instr* up to `)`, Eof or a flat block terminator (end, else), which is not consumed.
Status Parser::ParseInstrList(Expr& e) {
  if (++depth_ > kMaxNesting)
    return ErrorAt(Peek(), "nesting too deep");
  for (;;) {
    const Token& t = Peek();
    if (t.kind == TokenKind::RParen || t.kind == TokenKind::Eof)
      break;
    if (t.kind == TokenKind::LParen) {
      MINICC_TRY(ParseFoldedInstr(e));
      continue;
    }
    if (t.kind != TokenKind::Keyword)
      return Unexpected(t);
    if (IsFlatTerminator(t.text))
      break;
    const Token& op = Next();
    if (IsBlockOp(op.text)) {
      MINICC_TRY(ParseFlatBlock(e, op));
    } else {
      MINICC_TRY(ParsePlainInstr(e, op));
    }
  }
  --depth_;
  return support::Ok{};
}

// foldedinstr ::= (plaininstr foldedinstr*)
//               | (block label blocktype instr*) | (loop label blocktype instr*)
//               | (if label blocktype foldedinstr* (then instr*) (else instr*)?)
Status Parser::ParseFoldedInstr(Expr& e) {
  if (++depth_ > kMaxNesting)
    return ErrorAt(Peek(), "nesting too deep");
  MINICC_TRY(Expect(TokenKind::LParen));
  const Token& op = Peek();
  if (op.kind != TokenKind::Keyword)
    return Unexpected(op);
  if (op.text == "param" || op.text == "result" || op.text == "type" || op.text == "local" ||
      op.text == "then" || op.text == "else" || op.text == "export" || op.text == "import" ||
      op.text == "end" || op.text == "catch" || op.text == "catch_all" || op.text == "delegate" ||
      op.text == "do")
    return Unexpected(op);
  Next();
  if (op.text == "block" || op.text == "loop" || op.text == "if" || op.text == "try_table" ||
      op.text == "try") {
    std::string label;
    if (Peek().kind == TokenKind::Id) {
      MINICC_TRY_ASSIGN(label, IdName(Peek()));
      Next();
    }
    Instr in;
    in.op = LookupByName(op.text)[0];
    in.offset = op.offset;
    MINICC_TRY(ParseBlockType(e, in));
    if (in.op == Opcode::TryTable)
      MINICC_TRY(ParseCatches(e, in));
    if (in.op == Opcode::Try) {
      MINICC_TRY(ParseFoldedTry(e, in, label));
      --depth_;
      return support::Ok{};
    }
    if (in.op == Opcode::If) {
      while (Peek().kind == TokenKind::LParen && !IsKeyword("then", 1)) {
        MINICC_TRY(ParseFoldedInstr(e));
      }
      e.instrs.push_back(in);
      labels_.push_back(label);
      if (!IsSexpr("then"))
        return Unexpected(Peek());
      Next();
      Next();
      MINICC_TRY(ParseInstrList(e));
      MINICC_TRY(ExpectRParen());
      if (IsSexpr("else")) {
        Next();
        Instr el;
        el.op = Opcode::Else;
        el.offset = Next().offset;
        e.instrs.push_back(el);
        size_t before = e.instrs.size();
        MINICC_TRY(ParseInstrList(e));
        MINICC_TRY(ExpectRParen());
        if (e.instrs.size() == before)
          e.instrs.pop_back();  // an empty else is not written (as wabt does)
      }
    } else {
      e.instrs.push_back(in);
      labels_.push_back(label);
      MINICC_TRY(ParseInstrList(e));
    }
    labels_.pop_back();
    Instr end;
    end.op = Opcode::End;
    end.offset = Peek().offset;
    e.instrs.push_back(end);
    MINICC_TRY(ExpectRParen());
    --depth_;
    return support::Ok{};
  }
  // Plain instruction: its immediates, then the folded operands, then the instruction itself.
  size_t at = e.instrs.size();
  MINICC_TRY(ParsePlainInstr(e, op));
  Instr in = e.instrs[at];
  e.instrs.pop_back();
  while (Peek().kind == TokenKind::LParen) {
    MINICC_TRY(ParseFoldedInstr(e));
  }
  if (Peek().kind != TokenKind::RParen)
    return Unexpected(Peek());
  Next();
  e.instrs.push_back(in);
  --depth_;
  return support::Ok{};
}

// Folded legacy try after its block type:
//   (do instr*) (catch tag instr*)* (catch_all instr*)? ")"  |  (do instr*) (delegate label) ")"
Status Parser::ParseFoldedTry(Expr& e, Instr& in, const std::string& label) {
  e.instrs.push_back(in);
  labels_.push_back(label);
  if (IsSexpr("do")) {
    Next();
    Next();
    MINICC_TRY(ParseInstrList(e));
    MINICC_TRY(ExpectRParen());
  }
  bool clauses = false, catch_all = false;
  while (!catch_all && (IsSexpr("catch") || IsSexpr("catch_all"))) {
    Next();
    Instr c;
    c.offset = Peek().offset;
    c.op = Next().text == "catch" ? Opcode::Catch : Opcode::CatchAll;
    if (c.op == Opcode::Catch) {
      MINICC_TRY_ASSIGN(c.a, ParseIndex(Space::Tag));
    }
    clauses = true;
    catch_all = c.op == Opcode::CatchAll;
    e.instrs.push_back(c);
    MINICC_TRY(ParseInstrList(e));
    MINICC_TRY(ExpectRParen());
  }
  if (!clauses && IsSexpr("delegate")) {
    Next();
    Instr d;
    d.op = Opcode::Delegate;
    d.offset = Next().offset;
    labels_.pop_back();
    MINICC_TRY_ASSIGN(d.a, ParseLabel());
    MINICC_TRY(ExpectRParen());
    e.instrs.push_back(d);
    return ExpectRParen();
  }
  labels_.pop_back();
  Instr end;
  end.op = Opcode::End;
  end.offset = Peek().offset;
  e.instrs.push_back(end);
  return ExpectRParen();
}

Expected<Expr> Parser::ParseConstExpr() {
  Expr e;
  labels_.clear();
  MINICC_TRY(ParseInstrList(e));
  if (Peek().kind != TokenKind::RParen)
    return Unexpected(Peek());
  Instr end;
  end.op = Opcode::End;
  end.offset = Peek().offset;
  e.instrs.push_back(end);
  return e;
}

}  // namespace minicc::wasm::text
