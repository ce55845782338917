// The lexer: turns a source buffer into preprocessing tokens (C99 6.4). Comments become
// whitespace, backslash-newline splices are removed from token spellings, and each token records
// whether it starts a line or follows whitespace, which the preprocessor needs for directives
// and for `-E` output. Keywords are recognised later, after macro expansion.
#include <cctype>
#include <cstring>
#include <string>
#include <utility>

#include "frontend/frontend.h"

namespace minicc::frontend {
namespace {

// Punctuators, longest first so that the first match is the longest (C99 6.4.6).
constexpr const char* kPunctuators[] = {
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
    "&&",  "||",  "*=",  "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "[",
    "]",   "(",   ")",   "{",  "}",  ".",  "&",  "*",  "+",  "-",  "~",  "!",
    "/",   "%",   "<",   ">",  "^",  "|",  "?",  ":",  ";",  "=",  ",",  "#",
};

// Digraphs (C99 6.4.6p3) and the punctuators they spell, longest first.
constexpr std::pair<const char*, const char*> kDigraphs[] = {
    {"%:%:", "##"}, {"<:", "["}, {":>", "]"}, {"<%", "{"}, {"%>", "}"}, {"%:", "#"},
};

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || (c >= '0' && c <= '9');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

class Lexer {
public:
  Lexer(Compilation& comp, const support::SourceFile* file)
      : comp_(comp), file_(file), text_(file->text()) {}

  std::vector<Token> Run() {
    std::vector<Token> out;
    bool at_bol = true;
    bool has_space = false;
    size_t p = Skip(0);
    while (p < text_.size()) {
      char c = text_[p];
      if (c == '\n') {
        at_bol = true;
        has_space = false;
        p = Skip(p + 1);
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        has_space = true;
        p = Skip(p + 1);
        continue;
      }
      if (c == '/' && At(Next(p)) == '/') {
        while (p < text_.size() && text_[p] != '\n')
          p = Skip(p + 1);
        has_space = true;
        continue;
      }
      if (c == '/' && At(Next(p)) == '*') {
        size_t start = p;
        p = Next(Next(p));
        bool closed = false;
        while (p < text_.size()) {
          if (text_[p] == '*' && At(Next(p)) == '/') {
            p = Next(Next(p));
            closed = true;
            break;
          }
          p = Skip(p + 1);
        }
        if (!closed)
          comp_.Error(Loc(start), "unterminated /* comment", 2);
        has_space = true;
        continue;
      }
      Token tok;
      tok.loc = Loc(p);
      tok.at_bol = at_bol;
      tok.has_space = has_space;
      at_bol = false;
      has_space = false;
      size_t start = p;
      p = LexOne(p, &tok);
      tok.length = static_cast<uint32_t>(p - start);
      out.push_back(std::move(tok));
    }
    Token eof;
    eof.kind = TokenKind::Eof;
    eof.loc = Loc(text_.size());
    eof.at_bol = true;
    out.push_back(eof);
    return out;
  }

private:
  SourceLoc Loc(size_t p) const { return SourceLoc{file_, static_cast<uint32_t>(p)}; }
  char At(size_t p) const { return p < text_.size() ? text_[p] : '\0'; }
  // Skips backslash-newline splices starting at p.
  size_t Skip(size_t p) const {
    while (p + 1 < text_.size() && text_[p] == '\\' &&
           (text_[p + 1] == '\n' || (text_[p + 1] == '\r' && At(p + 2) == '\n'))) {
      p += text_[p + 1] == '\n' ? 2 : 3;
    }
    return p;
  }
  size_t Next(size_t p) const { return Skip(p + 1); }
  // The length of a universal character name \uXXXX or \UXXXXXXXX at p, else 0.
  size_t UcnLength(size_t p) const {
    if (At(p) != '\\' || (At(p + 1) != 'u' && At(p + 1) != 'U'))
      return 0;
    size_t digits = At(p + 1) == 'u' ? 4 : 8;
    for (size_t d = 0; d < digits; ++d) {
      if (!std::isxdigit(static_cast<unsigned char>(At(p + 2 + d))))
        return 0;
    }
    return 2 + digits;
  }
  static void AppendUtf8(std::string* s, uint32_t cp) {
    if (cp < 0x80) {
      *s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *s += static_cast<char>(0xC0 | (cp >> 6));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *s += static_cast<char>(0xE0 | (cp >> 12));
      *s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *s += static_cast<char>(0xF0 | ((cp >> 18) & 0x07));
      *s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Lexes one token at p (not whitespace), returns the position after it.
  size_t LexOne(size_t p, Token* tok) {
    char c = text_[p];
    // Identifiers and encoding prefixes of literals. Identifiers may contain UTF-8 characters
    // and universal character names (C99 6.4.3), which are spelled in UTF-8 so that `caf\u00e9`
    // and `café` are the same name.
    if (IsIdentStart(c) || static_cast<unsigned char>(c) >= 0x80 || UcnLength(p)) {
      std::string s;
      size_t q = p;
      while (q < text_.size()) {
        if (IsIdentChar(text_[q]) || static_cast<unsigned char>(text_[q]) >= 0x80) {
          s += text_[q];
          q = Next(q);
        } else if (size_t n = UcnLength(q)) {
          uint32_t cp = static_cast<uint32_t>(std::stoul(text_.substr(q + 2, n - 2), nullptr, 16));
          AppendUtf8(&s, cp);
          q = Skip(q + n);
        } else {
          break;
        }
      }
      if ((s == "L" || s == "u" || s == "U" || s == "u8") && (At(q) == '"' || At(q) == '\'')) {
        tok->text = s;
        return LexQuoted(q, At(q), tok);
      }
      tok->kind = TokenKind::Ident;
      tok->text = std::move(s);
      return q;
    }
    // pp-number (C99 6.4.8).
    if (IsDigit(c) || (c == '.' && IsDigit(At(Next(p))))) {
      std::string s;
      size_t q = p;
      while (q < text_.size()) {
        char d = text_[q];
        if ((d == '+' || d == '-') && !s.empty() &&
            (s.back() == 'e' || s.back() == 'E' || s.back() == 'p' || s.back() == 'P')) {
          s += d;
        } else if (IsIdentChar(d) || d == '.') {
          s += d;
        } else {
          break;
        }
        q = Next(q);
      }
      tok->kind = TokenKind::Number;
      tok->text = std::move(s);
      return q;
    }
    if (c == '"' || c == '\'')
      return LexQuoted(p, c, tok);
    for (const auto& [digraph, punct] : kDigraphs) {
      size_t q = p;
      size_t i = 0;
      size_t n = std::strlen(digraph);
      while (i < n && At(q) == digraph[i]) {
        q = Next(q);
        ++i;
      }
      if (i == n) {
        tok->kind = TokenKind::Punct;
        tok->text = punct;
        return q;
      }
    }
    for (const char* punct : kPunctuators) {
      size_t q = p;
      size_t i = 0;
      size_t n = std::strlen(punct);
      while (i < n && At(q) == punct[i]) {
        q = Next(q);
        ++i;
      }
      if (i == n) {
        tok->kind = TokenKind::Punct;
        tok->text = punct;
        return q;
      }
    }
    // Anything else is a stray character: report it and pass it on as a punctuator so that
    // the parser reports a sensible error too (clang: "expected expression" etc.).
    tok->kind = TokenKind::Punct;
    tok->text = std::string(1, c);
    if (c == '@' || c == '`' || c == '\\' || static_cast<unsigned char>(c) >= 0x80 ||
        static_cast<unsigned char>(c) < 0x20) {
      // Advance over a whole UTF-8 sequence to keep columns sane.
      size_t q = p + 1;
      while (q < text_.size() && (static_cast<unsigned char>(text_[q]) & 0xC0) == 0x80)
        ++q;
      tok->text = text_.substr(p, q - p);
      return Skip(q);
    }
    return Next(p);
  }

  size_t LexQuoted(size_t p, char quote, Token* tok) {
    tok->kind = quote == '"' ? TokenKind::String : TokenKind::Char;
    std::string s = tok->text;
    s += quote;
    size_t q = Next(p);
    while (true) {
      if (q >= text_.size() || text_[q] == '\n') {
        tok->unterminated = true;
        s += quote; // repaired, so that later stages see a well-formed literal
        break;
      }
      char d = text_[q];
      s += d;
      q = Next(q);
      if (d == quote)
        break;
      if (d == '\\' && q < text_.size() && text_[q] != '\n') {
        s += text_[q];
        q = Next(q);
      }
    }
    tok->text = std::move(s);
    return q;
  }

  Compilation& comp_;
  const support::SourceFile* file_;
  const std::string& text_;
};

} // namespace

std::vector<Token> Tokenize(Compilation& comp, const support::SourceFile* file) {
  return Lexer(comp, file).Run();
}

} // namespace minicc::frontend
