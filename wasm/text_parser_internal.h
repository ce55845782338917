// The WAT parser's state, shared by its three source files: text_parser.cpp (module fields and
// the entry points), text_parser_instr.cpp (instructions), text_parser_types.cpp (numbers,
// value types, limits, type uses). Not part of the public API.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wasm/text_parser.h"

namespace minicc::wasm::text {

using support::Error;
using support::Expected;
using support::MakeError;
using support::Status;

// The index spaces that have names.
enum class Space : uint8_t { Type, Func, Table, Memory, Global, Tag, Elem, Data, kCount };

// A function type written in the text, with the parameter names (empty when unnamed).
struct TypeUse {
  std::optional<uint32_t> index;  // (type x)
  FuncType sig;                   // params/results written inline
  std::vector<std::string> param_names;
  bool has_inline = false;        // any (param ...) or (result ...) written
  uint32_t offset = 0;
};

// True for the words of the text and script formats (instruction names included); the reference
// parser reports any other word as "unknown operator".
bool IsKnownKeyword(std::string_view s);

// Where a module field stands in the tokens (for placing annotations).
struct FieldSpan {
  std::string_view keyword;    // func, type, rec, memory, ...
  size_t begin = 0, end = 0;   // tokens [begin, end): from its `(` to after its `)`
  size_t prelude_end = 0;      // func/tag: the token after `func $id? (export ...)*`
  uint32_t index = 0;          // func/tag: its index in its space
  std::optional<uint32_t> defined;  // func: index in Module::functions (not imported)
};

class Parser {
public:
  Parser(std::string_view source, const std::vector<Token>& tokens, size_t pos,
         const TextOptions& options = {})
      : src_(source), toks_(tokens), pos_(pos), options_(options), module_begin_(pos) {}

  // Module fields up to the closing RParen (not consumed) or Eof.
  Expected<Module> ParseFields();
  size_t pos() const { return pos_; }

  // --- tokens (text_parser.cpp)
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return toks_[i < toks_.size() ? i : toks_.size() - 1];
  }
  const Token& Next() {
    const Token& t = Peek();
    if (pos_ < toks_.size() - 1)
      ++pos_;
    return t;
  }
  bool IsKeyword(std::string_view kw, size_t ahead = 0) const {
    return Peek(ahead).kind == TokenKind::Keyword && Peek(ahead).text == kw;
  }
  // `(` followed by the keyword.
  bool IsSexpr(std::string_view kw) const {
    return Peek().kind == TokenKind::LParen && IsKeyword(kw, 1);
  }
  Error Unexpected(const Token& t) const;
  Error ErrorAt(const Token& t, std::string message) const {
    return MakeError(std::move(message), t.offset);
  }
  Status Expect(TokenKind kind);
  Status ExpectKeyword(std::string_view kw);
  Status ExpectRParen() { return Expect(TokenKind::RParen); }
  Expected<std::string> ParseString();  // a String token's bytes
  Expected<std::string> ParseName();    // a String that must be valid UTF-8
  // Optional $id; records nothing.
  std::optional<Token> ParseOptId();

  // --- numbers and types (text_parser_types.cpp)
  Expected<uint32_t> ParseU32();
  Expected<uint64_t> ParseU64();
  Expected<uint64_t> ParseInt(const Token& t, int bits);  // signed or unsigned, two's complement
  Expected<uint64_t> ParseFloatBits(const Token& t, int bits);
  bool PeekIndex() const {
    return Peek().kind == TokenKind::Id || Peek().kind == TokenKind::Number;
  }
  // An index in a space: a nat or a $id resolved through the names of the space.
  Expected<uint32_t> ParseIndex(Space space);
  Expected<HeapType> ParseHeapType();
  Expected<ValType> ParseValType();
  bool PeekValType() const;
  Expected<ValType> ParseRefType();  // funcref, externref, (ref null? ht)
  // Limits with an optional leading address type (i32/i64); `is64` is set from it.
  Expected<Limits> ParseLimits(bool allow_addr_type);
  // (type x)? (param ...)* (result ...)*; named params only when `allow_names`.
  Expected<TypeUse> ParseTypeUse(bool allow_names);
  // Resolves a type use to a type index: (type x) checked against inline params/results, else
  // the first equal function type, else a new type appended to the module.
  Expected<uint32_t> ResolveTypeUse(const TypeUse& use);
  std::optional<uint32_t> FindFuncType(const FuncType& sig) const;
  bool InSingletonGroup(uint32_t type_index) const;
  const FuncType* TypeAt(uint32_t index) const;
  Expected<FuncType> ParseFuncTypeBody(std::vector<std::string>* names);

  // --- instructions (text_parser_instr.cpp)
  // instr* up to a RParen (not consumed), or, in a flat block, up to `end`/`else`.
  Status ParseInstrList(Expr& e);
  // A constant expression: instr* up to the RParen; appends `end`.
  Expected<Expr> ParseConstExpr();
  Status ParseFoldedInstr(Expr& e);
  Status ParsePlainInstr(Expr& e, const Token& op_token);
  Status ParseFlatBlock(Expr& e, const Token& op_token);
  Status ParseCatches(Expr& e, Instr& in);
  Status ParseFoldedTry(Expr& e, Instr& in, const std::string& label);  // try_table's catch clauses
  Expected<uint32_t> ParseFieldIndex(uint32_t type_index);
  Status ParseBlockType(Expr& e, Instr& in);
  Expected<uint32_t> ParseLabel();
  Expected<std::optional<uint64_t>> ParseKeywordNumber(std::string_view prefix);
  Status ParseMemArg(Instr& in, uint32_t natural_align);  // in.b: the memory
  Status ParseV128Const(Expr& e, Instr& in);
  // A lane index that is not a u8: 2.0's reference parser says "malformed lane index", 3.0's
  // reads it as a u8 literal ("i8 constant out of range").
  std::string LaneIndexError() const {
    return Before30(options_.spec) ? "malformed lane index" : "i8 constant out of range";
  }

  // --- annotations (text_annotations.cpp): applies the annotations between module_begin_ and
  // pos_ (the module's end) to m_, using fields_.
  Status ApplyAnnotations();

  // --- module state
  std::string_view src_;
  const std::vector<Token>& toks_;
  size_t pos_;
  TextOptions options_;
  Module m_;
  std::unordered_map<std::string, uint32_t> names_[size_t(Space::kCount)];
  uint32_t counts_[size_t(Space::kCount)] = {};
  // Function being parsed: local names, labels (innermost last; "" = anonymous).
  std::unordered_map<uint32_t, std::unordered_map<std::string, uint32_t>> field_names_;  // per type
  std::unordered_map<std::string, uint32_t> locals_;
  std::vector<std::string> labels_;
  std::vector<bool> memory64_;    // per memory index: address type i64 (from pass 1)
  size_t depth_ = 0;              // nesting of instruction lists (bounded)
  bool uses_data_count_ = false;  // memory.init or data.drop seen: emit the data count section
  size_t module_begin_;           // token index where the module starts (its `(`, if any)
  std::vector<FieldSpan> fields_;
};

}  // namespace minicc::wasm::text
