// Lexer of the WebAssembly text format. A token is a maximal run of id characters (and strings,
// which may be glued to them); the run is then classified as keyword, id, number, string or
// reserved, as spec 6.3.2 does, so that `0drop` or `i32.const0` stay one (bad) token and the
// parser can report them where they stand.
#include "wasm/text_lexer.h"

namespace minicc::wasm {
namespace {

using support::Error;
using support::Expected;
using support::MakeError;

bool IsIdChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return true;
  switch (c) {
  case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
  case '.': case '/': case ':': case '<': case '=': case '>': case '?': case '@': case '\\':
  case '^': case '_': case '`': case '|': case '~':
    return true;
  default: return false;
  }
}

bool IsDigit(char c, bool hex) {
  return (c >= '0' && c <= '9') ||
         (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

// Checks `digit ('_'? digit)*` at s[i...]; advances i. Returns false if no digit.
bool ScanDigits(std::string_view s, size_t& i, bool hex) {
  if (i >= s.size() || !IsDigit(s[i], hex))
    return false;
  ++i;
  while (i < s.size()) {
    if (IsDigit(s[i], hex)) {
      ++i;
    } else if (s[i] == '_' && i + 1 < s.size() && IsDigit(s[i + 1], hex)) {
      i += 2;
    } else {
      break;
    }
  }
  return true;
}

// True if `s` is a number literal of the text format (spec 6.3.3: integers and floats).
bool IsNumberSyntax(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    ++i;
  std::string_view rest = s.substr(i);
  if (rest == "inf" || rest == "nan")
    return true;
  if (rest.substr(0, 6) == "nan:0x") {
    size_t j = 6;
    return ScanDigits(rest, j, true) && j == rest.size();
  }
  bool hex = rest.substr(0, 2) == "0x";
  if (hex)
    i += 2;
  if (!ScanDigits(s, i, hex))
    return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i < s.size() && IsDigit(s[i], hex) && !ScanDigits(s, i, hex))
      return false;
  }
  if (i < s.size() && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      ++i;
    if (!ScanDigits(s, i, false))
      return false;
  }
  return i == s.size();
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the string whose opening quote is at text[0]; `base` is its source offset. With
// `offsets`, appends the source offset of each decoded byte (that of its escape, if escaped).
Expected<std::string> DecodeQuoted(std::string_view text, uint32_t base,
                                   std::vector<uint32_t>* offsets = nullptr) {
  std::string out;
  size_t i = 1;
  const size_t first = offsets ? offsets->size() : 0;
  auto note = [&](size_t at) {
    if (offsets)
      offsets->resize(first + out.size(), uint32_t(base + at));
  };
  while (i < text.size() && text[i] != '"') {
    char c = text[i];
    if (c != '\\') {
      out += c;
      note(i);
      ++i;
      continue;
    }
    size_t at = i;
    if (i + 1 >= text.size())
      return MakeError("unexpected end of string", base + at);
    char e = text[i + 1];
    i += 2;
    switch (e) {
    case 't': out += '\t'; break;
    case 'n': out += '\n'; break;
    case 'r': out += '\r'; break;
    case '"': out += '"'; break;
    case '\'': out += '\''; break;
    case '\\': out += '\\'; break;
    case 'u': {
      if (i >= text.size() || text[i] != '{')
        return MakeError("malformed escape sequence", base + at);
      ++i;
      size_t j = i;
      if (!ScanDigits(text, j, true) || j >= text.size() || text[j] != '}')
        return MakeError("malformed escape sequence", base + at);
      uint64_t cp = 0;
      for (; i < j; ++i) {
        if (text[i] == '_')
          continue;
        cp = cp * 16 + HexValue(text[i]);
        if (cp >= 0x110000)
          return MakeError("malformed escape sequence", base + at);
      }
      ++i;  // '}'
      if (cp >= 0xD800 && cp < 0xE000)
        return MakeError("malformed escape sequence", base + at);
      AppendUtf8(out, uint32_t(cp));
      break;
    }
    default:
      if (HexValue(e) >= 0 && i < text.size() && HexValue(text[i]) >= 0) {
        out += char(HexValue(e) * 16 + HexValue(text[i]));
        ++i;
        break;
      }
      return MakeError("malformed escape sequence", base + at);
    }
    note(at);
  }
  return out;
}

class Lexer {
public:
  Lexer(std::string_view src, std::vector<TextAnnotation>* annotations)
      : src_(src), annotations_(annotations) {}

  Expected<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    for (;;) {
      if (auto st = SkipBlank(); !st)
        return std::move(st).error();
      if (pos_ >= src_.size())
        break;
      char c = src_[pos_];
      if (c == '(' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '@') {
        TextAnnotation a;
        if (auto st = SkipAnnotation(annotations_ ? &a : nullptr); !st)
          return std::move(st).error();
        if (annotations_) {
          a.next_token = tokens.size();
          annotations_->push_back(std::move(a));
        }
        continue;
      }
      if (c == '(' || c == ')') {
        tokens.push_back(Make(c == '(' ? TokenKind::LParen : TokenKind::RParen, pos_, 1));
        ++pos_;
        continue;
      }
      auto tok = Run1();
      if (!tok)
        return std::move(tok).error();
      tokens.push_back(*tok);
    }
    tokens.push_back(Make(TokenKind::Eof, uint32_t(src_.size()), 0));
    return tokens;
  }

private:
  Token Make(TokenKind kind, size_t offset, size_t length) const {
    return Token{kind, uint32_t(offset), uint32_t(length), src_.substr(offset, length)};
  }

  // White space and comments.
  support::Status SkipBlank() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == ';' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';') {
        // A line comment ends at a newline: LF, CR or CR LF (comments.wast).
        while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r')
          ++pos_;
      } else if (c == '(' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';') {
        size_t start = pos_;
        int depth = 0;
        do {
          if (pos_ + 1 >= src_.size())
            return MakeError("unclosed block comment", start);
          if (src_[pos_] == '(' && src_[pos_ + 1] == ';') {
            ++depth;
            pos_ += 2;
          } else if (src_[pos_] == ';' && src_[pos_ + 1] == ')') {
            --depth;
            pos_ += 2;
          } else {
            ++pos_;
          }
        } while (depth > 0);
      } else {
        break;
      }
    }
    return support::Ok{};
  }

  // `(@id ...)`: skipped up to its balanced closing parenthesis (strings and comments inside
  // are lexed so that their parentheses do not count).
  // With `out`, records its id and items.
  support::Status SkipAnnotation(TextAnnotation* out) {
    size_t start = pos_;
    // The annotation's id follows `(@` directly: an idchar run or a non-empty UTF-8 string.
    size_t id = pos_ + 2;
    if (id >= src_.size() || !(IsIdChar(src_[id]) || src_[id] == '"'))
      return MakeError("empty annotation id", start);
    if (src_[id] == '"') {
      size_t save = pos_;
      pos_ = id;
      // A string that is not one (a newline in it, unclosed) leaves `(@` without an id.
      if (auto st = ScanString(); !st)
        return MakeError("empty annotation id", start);
      Token t = Make(TokenKind::String, id, pos_ - id);
      pos_ = save;
      auto name = DecodeString(t);
      if (!name)
        return std::move(name).error();
      if (name->empty())
        return MakeError("empty annotation id", start);
      if (!IsValidUtf8(*name))
        return MakeError("malformed UTF-8 encoding", id);
      if (out)
        out->id = *name;
    }
    if (out)
      out->offset = uint32_t(start);
    bool first = true;  // the next token is the `@id` itself
    int depth = 0;
    for (;;) {
      if (auto st = SkipBlank(); !st)
        return st;
      if (pos_ >= src_.size())
        return MakeError("unclosed annotation", start);
      char c = src_[pos_];
      if (c == '(') {
        if (out && depth > 0)
          out->body.push_back(Make(TokenKind::LParen, pos_, 1));
        ++depth;
        ++pos_;
      } else if (c == ')') {
        ++pos_;
        if (--depth == 0)
          return support::Ok{};
        if (out)
          out->body.push_back(Make(TokenKind::RParen, pos_ - 1, 1));
      } else if (c == ';') {
        ++pos_;  // a lone ';' (not a comment) is allowed inside annotations
      } else {
        auto tok = Run1();
        if (!tok)
          return std::move(tok).error();
        if (out && first && depth == 1) {
          if (tok->text[1] != '"')
            out->id = std::string(tok->text.substr(1));
        } else if (out) {
          out->body.push_back(*tok);
        }
        first = false;
      }
    }
  }

  // Scans a string starting at pos_ (the quote); advances past the closing quote.
  support::Status ScanString() {
    size_t start = pos_;
    ++pos_;
    while (pos_ < src_.size() && src_[pos_] != '"') {
      unsigned char c = src_[pos_];
      if (c == '\n')
        return MakeError("newline in string", pos_);
      if (c < 0x20 || c == 0x7F)
        return MakeError("illegal control character in string", pos_);
      pos_ += c == '\\' && pos_ + 1 < src_.size() ? 2 : 1;
    }
    if (pos_ >= src_.size())
      return MakeError("unclosed string", start);
    ++pos_;
    return support::Ok{};
  }

  // One token other than a parenthesis.
  Expected<Token> Run1() {
    size_t start = pos_;
    int strings = 0;
    bool other = false;
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == '"') {
        bool after_dollar = pos_ == start + 1 && src_[start] == '$';
        if (auto st = ScanString(); !st) {
          // `$"..."` whose string is malformed: the `$` has no name (spec 3.0 6.3.5).
          if (after_dollar)
            return MakeError("empty identifier", start);
          return std::move(st).error();
        }
        ++strings;
      } else if (IsIdChar(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
        ++pos_;
        other = true;
      } else {
        break;
      }
    }
    if (pos_ == start) {
      unsigned char c = src_[pos_];
      if (c >= 0x80) {
        // Outside strings and comments only ASCII is allowed; report broken UTF-8 as such.
        size_t n = 1;
        while (pos_ + n < src_.size() && n < 4 && (uint8_t(src_[pos_ + n]) & 0xC0) == 0x80)
          ++n;
        if (!IsValidUtf8(src_.substr(pos_, n)))
          return MakeError("malformed UTF-8 encoding", start);
      }
      return MakeError("illegal character", start);
    }
    std::string_view text = src_.substr(start, pos_ - start);
    if (text == "$")
      return MakeError("empty identifier", start);
    TokenKind kind = TokenKind::Reserved;
    if (strings == 1 && !other) {
      kind = TokenKind::String;
    } else if (text[0] == '$' && text.size() > 1) {
      bool plain = strings == 0;
      for (char ch : text)
        plain = plain && IsIdChar(ch);
      bool quoted = strings == 1 && text[1] == '"' && text.back() == '"';
      if (plain || quoted)
        kind = TokenKind::Id;
    } else if (strings == 0 && IsNumberSyntax(text)) {
      kind = TokenKind::Number;
    } else if (strings == 0 && text[0] >= 'a' && text[0] <= 'z') {
      bool plain = true;
      for (char ch : text)
        plain = plain && IsIdChar(ch);
      if (plain)
        kind = TokenKind::Keyword;
    }
    Token tok = Make(kind, start, pos_ - start);
    if (kind == TokenKind::String) {
      auto s = DecodeString(tok);
      if (!s)
        return std::move(s).error();
    } else if (kind == TokenKind::Id && strings == 1) {
      auto s = IdName(tok);
      if (!s)
        return std::move(s).error();
    }
    return tok;
  }

  std::string_view src_;
  std::vector<TextAnnotation>* annotations_;
  size_t pos_ = 0;
};

}  // namespace

Expected<std::vector<Token>> Tokenize(std::string_view source,
                                      std::vector<TextAnnotation>* annotations) {
  return Lexer(source, annotations).Run();
}

Expected<std::string> DecodeString(const Token& token, std::vector<uint32_t>* offsets) {
  return DecodeQuoted(token.text, token.offset, offsets);
}

Expected<std::string> IdName(const Token& token) {
  std::string_view t = token.text.substr(1);
  if (!t.empty() && t[0] == '"') {
    auto s = DecodeQuoted(t, token.offset + 1);
    if (!s)
      return s;
    if (s->empty())
      return MakeError("empty identifier", token.offset);
    if (!IsValidUtf8(*s))
      return MakeError("malformed UTF-8 encoding", token.offset);
    return s;
  }
  return std::string(t);
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size())
      return false;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char d = s[i + k];
      if ((d & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
      return false;
    i += n + 1;
  }
  return true;
}

size_t SkipSexpr(const std::vector<Token>& tokens, size_t pos) {
  if (pos >= tokens.size())
    return tokens.size() - 1;
  if (tokens[pos].kind != TokenKind::LParen)
    return tokens[pos].kind == TokenKind::Eof ? pos : pos + 1;
  int depth = 0;
  while (tokens[pos].kind != TokenKind::Eof) {
    if (tokens[pos].kind == TokenKind::LParen)
      ++depth;
    else if (tokens[pos].kind == TokenKind::RParen && --depth == 0)
      return pos + 1;
    ++pos;
  }
  return pos;
}

std::pair<uint32_t, uint32_t> SexprRange(const std::vector<Token>& tokens, size_t pos) {
  size_t end = SkipSexpr(tokens, pos);
  uint32_t begin = tokens[pos].offset;
  if (end == pos)
    return {begin, begin};
  const Token& last = tokens[end - 1];
  return {begin, last.offset + last.length};
}

}  // namespace minicc::wasm
