// Lexer of the WebAssembly text format (spec 6.3 "Lexical format"): source text -> tokens, each
// with its byte offset (line:col through support::SourceFile). Comments (`;;` lines, nested
// `(; ;)` blocks), white space and annotations `(@name ...)` produce no tokens.
//
// The WAT parser (text_parser.h) and the .wast script runner share these tokens; the runner
// uses SkipSexpr/SexprRange to step over commands and to take the text of `(module ...)`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/expected.h"

namespace minicc::wasm {

enum class TokenKind : uint8_t {
  LParen,
  RParen,
  Keyword,   // starts with a-z: instruction names, `func`, `offset=4`, ...
  Id,        // $name or $"name"; text() includes the `$`
  Number,    // integer or float literal incl. inf, nan, nan:0x..., with optional sign
  String,    // "..." (text() includes the quotes; DecodeString gives the bytes)
  Reserved,  // any other run of id characters (always an error where it appears)
  Eof,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  uint32_t offset = 0;  // byte offset in the source
  uint32_t length = 0;
  std::string_view text;  // views the source buffer
};

// An annotation `(@id item*)`: no token of the module, but kept aside for the annotations that
// carry meaning (@custom, @name, @metadata.code.branch_hint: see text_annotations.h).
struct TextAnnotation {
  std::string id;           // without `@` (a `@"..."` id decoded)
  uint32_t offset = 0;      // of the `(@`
  size_t next_token = 0;    // index of the first token after it
  std::vector<Token> body;  // the items after the id, parentheses included
};

// Tokenizes the whole source. The last token is Eof. On a lexical error (unterminated string or
// block comment, bad escape, illegal character) the error's offset is the source byte offset.
// With `annotations`, appends every annotation outside other annotations.
support::Expected<std::vector<Token>> Tokenize(std::string_view source,
                                               std::vector<TextAnnotation>* annotations = nullptr);

// The bytes a String token denotes (escapes decoded); the error's offset is that of the bad
// escape. `\u{...}` escapes must denote valid code points. With `offsets`, appends the source
// offset of each decoded byte (the start of its escape when escaped), e.g. to map positions in
// the text of `(module quote ...)` back to the source.
support::Expected<std::string> DecodeString(const Token& token,
                                            std::vector<uint32_t>* offsets = nullptr);
// The name of an Id token without `$` (decoding `$"..."`).
support::Expected<std::string> IdName(const Token& token);
// True if the bytes are valid UTF-8 (names must be).
bool IsValidUtf8(std::string_view bytes);

// Index of the token after the s-expression that starts at tokens[pos] (a LParen: after its
// matching RParen; any other token: pos + 1). Stops at the Eof token if unbalanced.
size_t SkipSexpr(const std::vector<Token>& tokens, size_t pos);
// Source byte range [begin, end) of the s-expression starting at tokens[pos].
std::pair<uint32_t, uint32_t> SexprRange(const std::vector<Token>& tokens, size_t pos);

}  // namespace minicc::wasm
