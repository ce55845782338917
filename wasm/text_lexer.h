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

// Tokenizes the whole source. The last token is Eof. On a lexical error (unterminated string or
// block comment, bad escape, illegal character) the error's offset is the source byte offset.
support::Expected<std::vector<Token>> Tokenize(std::string_view source);

// The bytes a String token denotes (escapes decoded); the error's offset is that of the bad
// escape. `\u{...}` escapes must denote valid code points.
support::Expected<std::string> DecodeString(const Token& token);
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
