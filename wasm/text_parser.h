// WAT parser: WebAssembly text format (spec chapter 6) -> wasm::Module, the IR the binary reader
// produces, so that binary_writer turns it into bytes and the validator checks it.
//
// Covers WebAssembly 2.0 (reference types, bulk memory, multi-value, SIMD), multi-memory,
// memory64/table64, tail calls, extended constants and exception tags: flat and folded
// instructions, every abbreviation (inline imports/exports/type uses/elem/data), symbolic ids in
// every index space. Implicit function types from inline type uses are appended to the type
// section in the order they occur, as wabt does (wabt also encodes a block whose `(type x)` has no
// params and at most one result by its inline form; we do the same).
//
// Errors are values: the message is the spec test suite's wording where it has one
// ("unknown operator", "unexpected token", "unknown label", "duplicate func", "inline function
// type", "mismatching label", "constant out of range", "alignment must be a power of two"...)
// and Error::offset is the byte offset in the source. FormatTextError renders it clang-style.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostics.h"
#include "support/expected.h"
#include "wasm/module.h"
#include "wasm/text_lexer.h"

namespace minicc::wasm {

struct TextOptions {
  // The annotations Tokenize recorded for the tokens being parsed: with them, the parser gives
  // @custom, @name and @metadata.code.branch_hint their meaning (custom sections, the name
  // section, branch hints); without them every annotation is ignored.
  const std::vector<TextAnnotation>* annotations = nullptr;
  // 2.0 (and the threads proposal) makes a memory offset or limit beyond 32 bits on a 32-bit
  // memory a syntax error ("i32 constant out of range"); 3.0 leaves it to the validator
  // ("offset out of range", "memory size").
  SpecVersion spec = SpecVersion::V3;
};

// One `(module ...)` s-expression of a .wat or .wast file.
struct TextModule {
  enum class Form : uint8_t {
    Text,    // (module $id? field*): `module` holds the parsed module
    Binary,  // (module $id? binary "..."*): `bytes` holds the concatenated strings, undecoded
    Quote,   // (module $id? quote "..."*): `quote` holds the concatenated text, unparsed
  };
  Form form = Form::Text;
  bool definition = false;          // (module definition ...)
  std::optional<std::string> name;  // the module's $id, without `$`
  Module module;
  std::vector<uint8_t> bytes;
  std::string quote;
  // Source offset of each byte of `quote`, and one more for its end (the closing `)`).
  std::vector<uint32_t> quote_offsets;
  uint32_t offset = 0;  // source offset of the `(`
};

// An error from parsing tm.quote with its offset mapped back to the source of the quote strings.
support::Error MapQuoteError(const TextModule& tm, support::Error error);

// Lower-level entry for the .wast runner: parses the `(module ...)` s-expression that starts at
// tokens[*pos] (tokens from Tokenize(source), ending with Eof). On success *pos is the index
// after its closing parenthesis. Binary and quote forms are returned as they are (the runner
// decodes/parses them itself, since assert_malformed expects their errors).
support::Expected<TextModule> ParseModuleSexpr(std::string_view source,
                                               const std::vector<Token>& tokens, size_t* pos,
                                               const TextOptions& options = {});

// Parses module fields from tokens[*pos] up to (not including) the closing RParen or Eof, as the
// body of an implicit `(module ...)`. For .wat files without the module wrapper.
support::Expected<Module> ParseModuleFields(std::string_view source,
                                            const std::vector<Token>& tokens, size_t* pos,
                                            const TextOptions& options = {});

// A whole .wat file: one `(module ...)` (text, binary or quote form) or bare module fields.
// Binary forms are decoded with ReadModule; quote forms are parsed (errors inside a quote are
// reported at the source offset of the quoted text, MapQuoteError).
support::Expected<Module> ParseWatModule(std::string_view source,
                                         const TextOptions& options = {});

// "file:line:col: error: message", the source line and a caret (no trailing newline after the
// caret line is omitted: ends with '\n').
std::string FormatTextError(const support::SourceFile& file, const support::Error& error);

}  // namespace minicc::wasm
