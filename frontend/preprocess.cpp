// The preprocessor (C99 6.10): directives, conditional inclusion, #include, and macro expansion
// with Prosser's hide-set algorithm (as chibicc does). Input tokens are kept on a stack (the next
// token is at the back), so an expansion is pushed back in front of the rest of the input.
// Tokens produced by an expansion are reported at the outermost macro use, as clang does.
#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "frontend/frontend.h"

namespace minicc::frontend {

struct HideSet {
  std::string name;
  const HideSet* next = nullptr;
};

namespace {

constexpr const char* kKeywords[] = {
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "_Bool",
    "_Complex",
    "_Imaginary",
    "_Alignof",
    "_Alignas",
    "_Static_assert",
    "_Noreturn",
    "_Thread_local",
    "_Generic",
    "_Atomic",
    "__attribute__",
    "__inline",
    "__inline__",
    "__restrict",
    "__restrict__",
    "__const",
    "__volatile__",
    "__signed__",
    "__alignof__",
    "__asm__",
    "asm",
    "__func__",
    "__builtin_va_arg",
    "__builtin_offsetof",
    "__typeof__",
    "typeof",
    "__extension__",
};

bool IsKeyword(const std::string& s) {
  static const std::set<std::string> set(std::begin(kKeywords), std::end(kKeywords));
  return set.count(s) != 0;
}

struct Macro {
  std::string name;
  bool function_like = false;
  bool variadic = false;
  std::vector<std::string> params; // includes "__VA_ARGS__" last when variadic
  std::vector<Token> body;
  SourceLoc loc;
  enum class Builtin { None, File, Line, Counter } builtin = Builtin::None;
};

struct Conditional {
  SourceLoc loc;
  bool taken = false; // some branch of this #if group has been taken
  bool in_else = false;
};

// A value in #if arithmetic: intmax_t or uintmax_t (C99 6.10.1p4).
struct PPValue {
  int64_t v = 0;
  bool is_unsigned = false;
};

class Preprocessor {
public:
  explicit Preprocessor(Compilation& comp) : comp_(comp) {}

  std::vector<Token> Run(std::vector<Token> tokens) {
    DefineBuiltins();
    for (const auto& [name, value] : comp_.options().macros) {
      if (value) {
        DefineFromText(name, *value);
      } else {
        macros_.erase(name);
      }
    }
    if (!tokens.empty())
      files_.push_back(tokens.front().loc.file);
    PushFile(std::move(tokens));
    std::vector<Token> out;
    while (true) {
      Token tok = Pop();
      if (tok.kind == TokenKind::Eof) {
        // End of one file: check its #if nesting, then continue with the includer.
        while (conds_.size() > cond_base_.back()) {
          comp_.Error(conds_.back().loc, "unterminated conditional directive");
          conds_.pop_back();
        }
        cond_base_.pop_back();
        files_.pop_back();
        if (cond_base_.empty()) {
          out.push_back(tok);
          break;
        }
        continue;
      }
      if (tok.kind == TokenKind::Punct && tok.text == "#" && tok.at_bol && !tok.hideset) {
        Directive(tok);
        continue;
      }
      if (tok.kind == TokenKind::Ident && tok.text == "_Pragma") {
        PragmaOperator(tok);
        continue;
      }
      if (ExpandMacro(tok))
        continue;
      if (tok.kind == TokenKind::Ident && IsKeyword(tok.text))
        tok.kind = TokenKind::Keyword;
      if (tok.unterminated) {
        comp_.Error(tok.loc, tok.kind == TokenKind::String ? "missing terminating '\"' character"
                                                           : "missing terminating ' character");
      }
      out.push_back(std::move(tok));
    }
    return out;
  }

private:
  // --- token stream -----------------------------------------------------------------------
  void PushFile(std::vector<Token> tokens) {
    cond_base_.push_back(conds_.size());
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it)
      stack_->push_back(std::move(*it));
  }
  void PushTokens(std::vector<Token> tokens) {
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it)
      stack_->push_back(std::move(*it));
  }
  Token Pop() {
    if (stack_->empty())
      return Token{};
    Token t = std::move(stack_->back());
    stack_->pop_back();
    return t;
  }
  const Token& Peek() {
    static const Token eof;
    return stack_->empty() ? eof : stack_->back();
  }
  // The rest of the directive line (tokens up to the next at_bol token).
  std::vector<Token> RestOfLine() {
    std::vector<Token> line;
    while (!stack_->empty() && !Peek().at_bol && Peek().kind != TokenKind::Eof) {
      line.push_back(Pop());
    }
    return line;
  }
  void SkipLine(const char* directive) {
    auto rest = RestOfLine();
    if (!rest.empty() && directive) {
      comp_.Warning(rest.front().loc,
                    std::string("extra tokens at end of #") + directive + " directive");
    }
  }

  // --- hide sets --------------------------------------------------------------------------
  static bool Contains(const HideSet* hs, const std::string& name) {
    for (; hs; hs = hs->next) {
      if (hs->name == name)
        return true;
    }
    return false;
  }
  const HideSet* Add(const HideSet* hs, const std::string& name) {
    if (Contains(hs, name))
      return hs;
    return comp_.arena().New<HideSet>(HideSet{name, hs});
  }
  const HideSet* Union(const HideSet* a, const HideSet* b) {
    for (; a; a = a->next)
      b = Add(b, a->name);
    return b;
  }
  const HideSet* Intersect(const HideSet* a, const HideSet* b) {
    const HideSet* out = nullptr;
    for (; a; a = a->next) {
      if (Contains(b, a->name))
        out = Add(out, a->name);
    }
    return out;
  }

  // --- macro definitions -------------------------------------------------------------------
  void DefineFromText(const std::string& name, const std::string& value) {
    const auto* file = comp_.AddFile("<command line>", "#define " + name + " " + value + "\n");
    auto toks = Tokenize(comp_, file);
    auto* saved = stack_;
    std::vector<Token> local;
    stack_ = &local;
    PushTokens(std::move(toks));
    Token hash = Pop();
    Define(hash);
    stack_ = saved;
  }

  void DefineBuiltins() {
    std::string predefs =
        "#define __STDC__ 1\n#define __STDC_VERSION__ 199901L\n#define __STDC_HOSTED__ 1\n"
        "#define __minicc__ 1\n#define __wasm__ 1\n#define __wasm32__ 1\n#define __wasm 1\n"
        "#define __wasm32 1\n#define __wasi__ 1\n#define __ILP32__ 1\n#define _ILP32 1\n"
        "#define __CHAR_BIT__ 8\n#define __SIZEOF_INT__ 4\n#define __SIZEOF_LONG__ 4\n"
        "#define __SIZEOF_LONG_LONG__ 8\n#define __SIZEOF_SHORT__ 2\n#define __SIZEOF_POINTER__ 4\n"
        "#define __SIZEOF_FLOAT__ 4\n#define __SIZEOF_DOUBLE__ 8\n#define __SIZEOF_SIZE_T__ 4\n"
        "#define __SIZE_TYPE__ long unsigned int\n#define __PTRDIFF_TYPE__ long int\n"
        "#define __INTPTR_TYPE__ long int\n#define __UINTPTR_TYPE__ long unsigned int\n"
        "#define __WCHAR_TYPE__ int\n#define __INT_MAX__ 2147483647\n"
        "#define __LONG_MAX__ 2147483647L\n#define __LONG_LONG_MAX__ 9223372036854775807LL\n"
        "#define __SCHAR_MAX__ 127\n#define __SHRT_MAX__ 32767\n"
        "#define __SIZE_MAX__ 4294967295UL\n#define __ORDER_LITTLE_ENDIAN__ 1234\n"
        "#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__\n";
    char date[32] = "Jan  1 1970";
    char time_buf[32] = "00:00:00";
    std::time_t now = std::time(nullptr);
    if (std::tm* tm = std::localtime(&now)) {
      std::strftime(date, sizeof date, "%b %e %Y", tm);
      std::strftime(time_buf, sizeof time_buf, "%H:%M:%S", tm);
    }
    predefs += std::string("#define __DATE__ \"") + date + "\"\n";
    predefs += std::string("#define __TIME__ \"") + time_buf + "\"\n";
    const auto* file = comp_.AddFile("<built-in>", predefs);
    auto toks = Tokenize(comp_, file);
    auto* saved = stack_;
    std::vector<Token> local;
    stack_ = &local;
    PushTokens(std::move(toks));
    while (Peek().kind != TokenKind::Eof && !stack_->empty()) {
      Token hash = Pop();
      Define(hash);
    }
    stack_ = saved;
    for (auto [name, kind] :
         {std::pair{"__FILE__", Macro::Builtin::File}, std::pair{"__LINE__", Macro::Builtin::Line},
          std::pair{"__COUNTER__", Macro::Builtin::Counter}}) {
      Macro m;
      m.name = name;
      m.builtin = kind;
      macros_[name] = std::move(m);
    }
  }

  // # define identifier replacement-list
  // # define identifier( identifier-list[opt] [, ...] ) replacement-list
  void Define(const Token& hash) {
    Token name = Pop(); // "define"
    if (name.text == "define")
      name = Pop();
    if (name.kind != TokenKind::Ident || name.at_bol) {
      comp_.Error(name.at_bol || name.kind == TokenKind::Eof ? hash.loc : name.loc,
                  "macro name must be an identifier");
      if (!name.at_bol)
        SkipLine(nullptr);
      else
        stack_->push_back(name);
      return;
    }
    if (name.text == "defined") {
      comp_.Error(name.loc, "'defined' cannot be used as a macro name");
      SkipLine(nullptr);
      return;
    }
    Macro m;
    m.name = name.text;
    m.loc = name.loc;
    if (!Peek().at_bol && Peek().text == "(" && !Peek().has_space &&
        Peek().kind == TokenKind::Punct) {
      Pop();
      m.function_like = true;
      bool ok = true;
      if (Peek().text == ")" && !Peek().at_bol) {
        Pop();
      } else {
        while (true) {
          Token p = Pop();
          if (p.at_bol || p.kind == TokenKind::Eof) {
            comp_.Error(p.at_bol ? name.loc : p.loc, "missing ')' in macro parameter list");
            stack_->push_back(p);
            return;
          }
          if (p.text == "...") {
            m.variadic = true;
            m.params.push_back("__VA_ARGS__");
            Token r = Pop();
            if (r.text != ")") {
              comp_.Error(r.loc, "missing ')' in macro parameter list");
              ok = false;
            }
            break;
          }
          if (p.kind != TokenKind::Ident) {
            comp_.Error(p.loc, "invalid token in macro parameter list");
            ok = false;
            break;
          }
          if (std::find(m.params.begin(), m.params.end(), p.text) != m.params.end()) {
            comp_.Error(p.loc, "duplicate macro parameter name '" + p.text + "'");
            ok = false;
            break;
          }
          m.params.push_back(p.text);
          Token sep = Pop();
          if (sep.text == ")")
            break;
          if (sep.text == "...") { // GNU named variadic: args...
            m.variadic = true;
            if (Pop().text != ")") {
              comp_.Error(sep.loc, "missing ')' in macro parameter list");
              ok = false;
            }
            break;
          }
          if (sep.text != "," || sep.at_bol) {
            comp_.Error(sep.at_bol ? p.loc : sep.loc, "expected comma in macro parameter list");
            if (sep.at_bol)
              stack_->push_back(sep);
            ok = false;
            break;
          }
        }
      }
      if (!ok) {
        SkipLine(nullptr);
        return;
      }
    } else if (!Peek().at_bol && !Peek().has_space && Peek().kind != TokenKind::Eof) {
      comp_.Warning(Peek().loc, "whitespace required after macro name");
    }
    m.body = RestOfLine();
    if (!m.body.empty())
      m.body.front().has_space = false;
    // '#' must be followed by a parameter in a function-like macro; '##' cannot be at either end.
    for (size_t i = 0; i < m.body.size(); ++i) {
      const Token& t = m.body[i];
      if (m.function_like && t.text == "#" && t.kind == TokenKind::Punct) {
        if (i + 1 >= m.body.size() || ParamIndex(m, m.body[i + 1]) < 0) {
          comp_.Error(i + 1 < m.body.size() ? m.body[i + 1].loc : t.loc,
                      "'#' is not followed by a macro parameter");
          return;
        }
      }
      if (t.text == "##" && t.kind == TokenKind::Punct && (i == 0 || i + 1 == m.body.size())) {
        comp_.Error(t.loc, std::string("'##' cannot appear at ") + (i == 0 ? "start" : "end") +
                               " of macro expansion");
        return;
      }
    }
    auto it = macros_.find(m.name);
    if (it != macros_.end() && it->second.builtin == Macro::Builtin::None &&
        !SameDefinition(it->second, m) && it->second.loc.file &&
        it->second.loc.file->name() != "<built-in>") {
      comp_.Warning(name.loc, "'" + m.name + "' macro redefined");
      comp_.Note(it->second.loc, "previous definition is here");
    }
    macros_[m.name] = std::move(m);
  }

  static bool SameDefinition(const Macro& a, const Macro& b) {
    if (a.function_like != b.function_like || a.params != b.params || a.variadic != b.variadic ||
        a.body.size() != b.body.size()) {
      return false;
    }
    for (size_t i = 0; i < a.body.size(); ++i) {
      if (a.body[i].text != b.body[i].text ||
          (i > 0 && a.body[i].has_space != b.body[i].has_space)) {
        return false;
      }
    }
    return true;
  }

  static int ParamIndex(const Macro& m, const Token& t) {
    if (t.kind != TokenKind::Ident)
      return -1;
    for (size_t i = 0; i < m.params.size(); ++i) {
      if (m.params[i] == t.text)
        return static_cast<int>(i);
    }
    return -1;
  }

  // --- macro expansion ---------------------------------------------------------------------
  // If `tok` names a macro that may expand here, pushes the expansion and returns true.
  bool ExpandMacro(const Token& tok) {
    if (tok.kind != TokenKind::Ident || Contains(tok.hideset, tok.text))
      return false;
    auto it = macros_.find(tok.text);
    if (it == macros_.end())
      return false;
    const Macro& m = it->second;
    if (m.builtin != Macro::Builtin::None) {
      Token t = tok;
      if (m.builtin == Macro::Builtin::File) {
        t.kind = TokenKind::String;
        const LineMark* mark = FindLineMark(tok.loc);
        t.text = Quote(mark && mark->has_file ? mark->file_name
                                              : (tok.loc.file ? tok.loc.file->name() : ""));
      } else {
        t.kind = TokenKind::Number;
        t.text = std::to_string(m.builtin == Macro::Builtin::Line ? PresumedLine(tok.loc)
                                                                  : counter_++);
      }
      stack_->push_back(t);
      // The builtin result must not be expanded again.
      stack_->back().hideset = Add(tok.hideset, tok.text);
      return true;
    }
    if (!m.function_like) {
      const HideSet* hs = Add(tok.hideset, m.name);
      // ## works in object-like bodies too (`#define HH # ## #` gives `##`).
      bool pastes = std::any_of(m.body.begin(), m.body.end(), [](const Token& t) {
        return t.kind == TokenKind::Punct && t.text == "##";
      });
      std::vector<Token> body = pastes ? Substitute(m, {}, tok) : m.body;
      for (auto& t : body) {
        t.hideset = Union(t.hideset, hs);
        t.loc = tok.loc;
        t.length = tok.length;
        t.at_bol = false;
      }
      if (!body.empty()) {
        body.front().at_bol = tok.at_bol;
        body.front().has_space = tok.has_space;
      } else {
        PropagateSpacing(tok);
      }
      PushTokens(std::move(body));
      return true;
    }
    // Function-like: only a use followed by '(' expands.
    if (stack_->empty() || Peek().text != "(" || Peek().kind != TokenKind::Punct)
      return false;
    Pop();
    std::vector<std::vector<Token>> args;
    Token rparen;
    if (!ReadArgs(tok, m, &args, &rparen))
      return true;
    const HideSet* hs = Add(Intersect(tok.hideset, rparen.hideset), m.name);
    std::vector<Token> body = Substitute(m, args, tok);
    for (auto& t : body) {
      t.hideset = Union(t.hideset, hs);
      t.loc = tok.loc;
      t.length = tok.length;
      t.at_bol = false;
    }
    if (!body.empty()) {
      body.front().at_bol = tok.at_bol;
      body.front().has_space = tok.has_space;
    } else {
      PropagateSpacing(tok);
    }
    PushTokens(std::move(body));
    return true;
  }

  // An empty expansion keeps the line break / space of the macro name for the next token.
  void PropagateSpacing(const Token& tok) {
    if (stack_->empty())
      return;
    Token& next = stack_->back();
    if (tok.at_bol && next.loc.file == tok.loc.file)
      next.at_bol = next.at_bol || false;
    next.has_space = next.has_space || tok.has_space;
  }

  bool ReadArgs(const Token& name, const Macro& m, std::vector<std::vector<Token>>* args,
                Token* rparen) {
    int depth = 0;
    args->emplace_back();
    while (true) {
      if (stack_->empty() || Peek().kind == TokenKind::Eof) {
        comp_.Error(name.loc, "unterminated function-like macro invocation");
        return false;
      }
      Token t = Pop();
      if (t.kind == TokenKind::Punct && t.text == "#" && t.at_bol && stack_ == &main_stack_) {
        // A directive inside macro arguments: clang processes it; we reject it plainly.
        comp_.Error(t.loc, "embedding a directive within macro arguments is not supported in "
                           "mini-C");
        RestOfLine();
        continue;
      }
      if (t.kind == TokenKind::Punct) {
        if (t.text == "(") {
          ++depth;
        } else if (t.text == ")") {
          if (depth == 0) {
            *rparen = t;
            break;
          }
          --depth;
        } else if (t.text == "," && depth == 0 &&
                   !(m.variadic && args->size() == m.params.size())) {
          args->emplace_back();
          continue;
        }
      }
      args->back().push_back(t);
    }
    size_t want = m.params.size();
    if (args->size() == 1 && args->front().empty() && want == 0)
      args->clear();
    if (m.variadic && args->size() == want - 1)
      args->emplace_back(); // empty __VA_ARGS__
    if (args->size() != want) {
      SourceLoc where = rparen->loc;
      if (args->size() > want && !(*args)[want].empty())
        where = (*args)[want].front().loc;
      comp_.Error(where, std::string(args->size() > want ? "too many" : "too few") +
                             " arguments provided to function-like macro invocation");
      comp_.Note(m.loc, "macro '" + m.name + "' defined here");
      return false;
    }
    return true;
  }

  std::vector<Token> ExpandArg(const std::vector<Token>& arg) {
    std::vector<Token> local;
    auto* saved = stack_;
    stack_ = &local;
    Token eof;
    eof.kind = TokenKind::Eof;
    local.push_back(eof);
    PushTokens(arg);
    std::vector<Token> out;
    while (Peek().kind != TokenKind::Eof) {
      Token t = Pop();
      if (ExpandMacro(t))
        continue;
      out.push_back(std::move(t));
    }
    stack_ = saved;
    return out;
  }

  static std::string Quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
    return out + "\"";
  }

  // The inverse of Quote for a string literal's spelling (the name in a #line directive).
  static std::string Unquote(const std::string& lit) {
    std::string out;
    size_t b = lit.find('"');
    for (size_t i = b == std::string::npos ? 0 : b + 1; i + 1 < lit.size(); ++i) {
      if (lit[i] == '\\' && i + 2 < lit.size())
        ++i;
      out += lit[i];
    }
    return out;
  }

  Token Stringize(const std::vector<Token>& arg, const Token& where) {
    std::string s;
    for (size_t i = 0; i < arg.size(); ++i) {
      if (i > 0 && arg[i].has_space)
        s += ' ';
      s += arg[i].text;
    }
    Token t = where;
    t.kind = TokenKind::String;
    t.text = Quote(s);
    t.hideset = nullptr;
    return t;
  }

  // Pastes two tokens by re-lexing their concatenated spelling (C99 6.10.3.3).
  Token Paste(const Token& a, const Token& b) {
    std::string text = a.text + b.text;
    const auto* file = comp_.AddFile("<scratch space>", text);
    auto toks = Tokenize(comp_, file);
    if (toks.size() != 2) {
      comp_.Error(a.loc, "pasting formed '" + text + "', an invalid preprocessing token");
      return a;
    }
    Token t = toks[0];
    t.loc = a.loc;
    t.length = a.length;
    t.at_bol = a.at_bol;
    t.has_space = a.has_space;
    t.hideset = a.hideset;
    return t;
  }

  std::vector<Token> Substitute(const Macro& m, const std::vector<std::vector<Token>>& args,
                                const Token& use) {
    std::vector<Token> out;
    const auto& body = m.body;
    // An empty argument next to ## is a placemarker (C99 6.10.3.3p2): the other operand is
    // not pasted onto the token before it.
    bool placemarker = false;
    for (size_t i = 0; i < body.size(); ++i) {
      const Token& t = body[i];
      bool after_placemarker = placemarker;
      placemarker = false;
      bool next_is_paste =
          i + 1 < body.size() && body[i + 1].text == "##" && body[i + 1].kind == TokenKind::Punct;
      // # param
      if (t.kind == TokenKind::Punct && t.text == "#" && i + 1 < body.size()) {
        int idx = ParamIndex(m, body[i + 1]);
        if (idx >= 0) {
          Token s = Stringize(args[idx], use);
          s.has_space = t.has_space;
          out.push_back(s);
          ++i;
          continue;
        }
      }
      // ## rhs
      if (t.kind == TokenKind::Punct && t.text == "##" && i + 1 < body.size()) {
        const Token& rhs = body[++i];
        int idx = ParamIndex(m, rhs);
        std::vector<Token> pieces;
        if (idx >= 0) {
          pieces = args[idx];
        } else {
          pieces.push_back(rhs);
        }
        // GNU: , ## __VA_ARGS__ with empty args drops the comma.
        if (idx >= 0 && m.variadic && idx == static_cast<int>(m.params.size()) - 1 &&
            pieces.empty() && !out.empty() && out.back().text == ",") {
          out.pop_back();
          continue;
        }
        if (pieces.empty()) {
          placemarker = after_placemarker;
          continue;
        }
        if (out.empty() || after_placemarker) {
          out.insert(out.end(), pieces.begin(), pieces.end());
          continue;
        }
        out.back() = Paste(out.back(), pieces.front());
        out.insert(out.end(), pieces.begin() + 1, pieces.end());
        continue;
      }
      int idx = ParamIndex(m, t);
      if (idx >= 0) {
        // param ## ...: the raw argument; otherwise the fully expanded argument.
        std::vector<Token> arg = next_is_paste ? args[idx] : ExpandArg(args[idx]);
        if (!arg.empty())
          arg.front().has_space = t.has_space;
        placemarker = next_is_paste && arg.empty();
        out.insert(out.end(), arg.begin(), arg.end());
        continue;
      }
      out.push_back(t);
    }
    return out;
  }

  // --- directives --------------------------------------------------------------------------
  void Directive(const Token& hash) {
    if (Peek().at_bol || Peek().kind == TokenKind::Eof)
      return; // null directive
    Token name = Pop();
    const std::string& d = name.text;
    if (name.kind != TokenKind::Ident && name.kind != TokenKind::Keyword) {
      if (name.kind == TokenKind::Number) { // GNU line marker "# 12 "file"": ignored
        RestOfLine();
        return;
      }
      comp_.Error(name.loc, "invalid preprocessing directive");
      RestOfLine();
      return;
    }
    if (d == "define") {
      Define(hash);
    } else if (d == "undef") {
      Token n = Pop();
      if (n.at_bol || n.kind != TokenKind::Ident) {
        comp_.Error(n.at_bol ? name.loc : n.loc, "macro name must be an identifier");
        if (n.at_bol)
          stack_->push_back(n);
        else
          RestOfLine();
        return;
      }
      macros_.erase(n.text);
      SkipLine("undef");
    } else if (d == "include") {
      Include(name);
    } else if (d == "if") {
      bool v = EvalIf(name);
      conds_.push_back({hash.loc, v, false});
      if (!v)
        SkipGroup();
    } else if (d == "ifdef" || d == "ifndef") {
      Token n = Pop();
      bool v = false;
      if (n.at_bol || n.kind != TokenKind::Ident) {
        comp_.Error(n.at_bol ? name.loc : n.loc, "macro name must be an identifier");
        if (n.at_bol)
          stack_->push_back(n);
        else
          RestOfLine();
      } else {
        v = macros_.count(n.text) != 0;
        if (d == "ifndef")
          v = !v;
        SkipLine(d.c_str());
      }
      conds_.push_back({hash.loc, v, false});
      if (!v)
        SkipGroup();
    } else if (d == "elif" || d == "else" || d == "endif") {
      if (conds_.size() <= cond_base_.back()) {
        comp_.Error(name.loc, "#" + d + " without #if");
        RestOfLine();
        return;
      }
      Conditional& c = conds_.back();
      if (d == "endif") {
        conds_.pop_back();
        SkipLine("endif");
        return;
      }
      if (c.in_else) {
        comp_.Error(name.loc, "#" + d + " after #else");
        RestOfLine();
        return;
      }
      // We were in a taken group: everything up to #endif is skipped.
      if (d == "else") {
        c.in_else = true;
        SkipLine("else");
      } else {
        RestOfLine();
      }
      SkipGroup();
    } else if (d == "error" || d == "warning") {
      auto rest = RestOfLine();
      std::string msg;
      for (size_t i = 0; i < rest.size(); ++i) {
        if (i > 0 && rest[i].has_space)
          msg += ' ';
        msg += rest[i].text;
      }
      if (d == "error") {
        comp_.Error(name.loc, msg);
      } else {
        comp_.Warning(name.loc, msg);
      }
    } else if (d == "pragma") {
      Pragma(RestOfLine(), hash.loc);
    } else if (d == "line") {
      LineDirective(name);
    } else {
      comp_.Error(name.loc, "invalid preprocessing directive");
      RestOfLine();
    }
  }

  // `#line N ["file"]` marks, per file in source order: they renumber __LINE__ and rename
  // __FILE__ for the lines after the directive (diagnostics keep the physical locations).
  struct LineMark {
    uint32_t offset = 0;     // of the directive
    uint32_t next_line = 0;  // physical line after the directive
    int64_t line = 0;        // its presumed number
    bool has_file = false;
    std::string file_name;
  };
  std::map<const support::SourceFile*, std::vector<LineMark>> line_marks_;

  // #line digit-sequence ["s-char-sequence"], macro-expanded first (C99 6.10.4).
  void LineDirective(const Token& name) {
    auto rest = RestOfLine();
    if (!rest.empty() && rest[0].kind == TokenKind::Ident)
      rest = ExpandArg(rest);
    if (rest.empty() || rest[0].kind != TokenKind::Number ||
        rest[0].text.find_first_not_of("0123456789") != std::string::npos ||
        rest[0].text.size() > 10) {
      comp_.Error(rest.empty() ? name.loc : rest[0].loc,
                  "#line directive requires a simple digit sequence");
      return;
    }
    if (rest.size() > 1 && rest[1].kind != TokenKind::String) {
      comp_.Error(rest[1].loc, "invalid filename for #line directive");
      return;
    }
    if (!name.loc.file)
      return;
    LineMark mark;
    mark.offset = name.loc.offset;
    mark.next_line = static_cast<uint32_t>(name.loc.file->Line(name.loc.offset)) + 1;
    mark.line = std::stoll(rest[0].text);
    if (rest.size() > 1) {
      mark.has_file = true;
      mark.file_name = Unquote(rest[1].text);
    } else if (const LineMark* prev = FindLineMark(name.loc); prev && prev->has_file) {
      mark.has_file = true;
      mark.file_name = prev->file_name;
    }
    line_marks_[name.loc.file].push_back(std::move(mark));
  }

  const LineMark* FindLineMark(const SourceLoc& loc) const {
    auto it = line_marks_.find(loc.file);
    if (it == line_marks_.end())
      return nullptr;
    const LineMark* found = nullptr;
    for (const LineMark& m : it->second)
      if (m.offset < loc.offset)
        found = &m;
    return found;
  }

  int64_t PresumedLine(const SourceLoc& loc) const {
    if (!loc.file)
      return 0;
    int64_t phys = loc.file->Line(loc.offset);
    const LineMark* m = FindLineMark(loc);
    return m ? m->line + (phys - m->next_line) : phys;
  }

  // #pragma (and _Pragma) tokens: `once` is honoured, `GCC error`/`GCC warning`/`message`
  // report their text as clang does; everything else (STDC, GCC diagnostic, ...) is ignored.
  void Pragma(const std::vector<Token>& rest, SourceLoc loc) {
    if (rest.empty())
      return;
    if (rest[0].text == "once") {
      if (loc.file)
        pragma_once_.insert(loc.file->name());
      return;
    }
    size_t i = 0;
    bool is_error = false;
    if (rest[0].text == "GCC" && rest.size() > 1 &&
        (rest[1].text == "error" || rest[1].text == "warning")) {
      is_error = rest[1].text == "error";
      i = 2;
    } else if (rest[0].text == "message") {
      i = 1;
    } else {
      return;
    }
    const Token& keyword = rest[i - 1];
    std::string msg;
    for (; i < rest.size(); ++i) {
      if (rest[i].kind == TokenKind::String)
        msg += Destringize(rest[i].text);
    }
    if (is_error)
      comp_.Error(keyword.loc, msg);
    else
      comp_.Warning(keyword.loc, msg);
  }

  // The string of a string literal token with its prefix, quotes and \" \\ escapes removed
  // (C99 6.10.9).
  static std::string Destringize(const std::string& lit) {
    size_t q = lit.find('"');
    std::string out;
    if (q == std::string::npos)
      return out;
    for (size_t i = q + 1; i + 1 < lit.size(); ++i) {
      if (lit[i] == '\\' && i + 2 < lit.size() && (lit[i + 1] == '"' || lit[i + 1] == '\\'))
        ++i;
      out += lit[i];
    }
    return out;
  }

  // _Pragma ( string-literal ): destringized, tokenized and run as a #pragma line.
  void PragmaOperator(const Token& tok) {
    bool paren = Peek().text == "(" && Peek().kind == TokenKind::Punct;
    if (paren)
      Pop();
    bool ok = paren && Peek().kind == TokenKind::String;
    Token str = ok ? Pop() : Token{};
    ok = ok && Peek().text == ")" && Peek().kind == TokenKind::Punct;
    if (!ok) {
      comp_.Error(tok.loc, "_Pragma takes a parenthesized string literal", tok.length);
      // As clang: after a `(`, skip the malformed operand through its `)` on the same line.
      while (paren && Peek().kind != TokenKind::Eof && !Peek().at_bol) {
        if (Pop().text == ")")
          break;
      }
      return;
    }
    Pop();
    const auto* file = comp_.AddFile("<_Pragma>", Destringize(str.text));
    auto toks = Tokenize(comp_, file);
    if (!toks.empty() && toks.back().kind == TokenKind::Eof)
      toks.pop_back();
    for (auto& t : toks)
      t.loc = tok.loc;
    Pragma(toks, tok.loc);
  }

  // Skips tokens of a group whose condition is false, stopping after the directive that
  // re-enables output (#elif true / #else) or closes the group (#endif).
  void SkipGroup() {
    int depth = 0;
    while (!stack_->empty() && Peek().kind != TokenKind::Eof) {
      Token t = Pop();
      if (!(t.kind == TokenKind::Punct && t.text == "#" && t.at_bol))
        continue;
      if (Peek().at_bol)
        continue;
      Token n = Pop();
      const std::string& d = n.text;
      if (d == "if" || d == "ifdef" || d == "ifndef") {
        ++depth;
      } else if (d == "endif") {
        if (depth == 0) {
          conds_.pop_back();
          SkipLine("endif");
          return;
        }
        --depth;
      } else if (depth == 0 && d == "else") {
        Conditional& c = conds_.back();
        if (c.in_else) {
          comp_.Error(n.loc, "#else after #else");
        }
        c.in_else = true;
        SkipLine("else");
        if (!c.taken) {
          c.taken = true;
          return;
        }
      } else if (depth == 0 && d == "elif") {
        Conditional& c = conds_.back();
        if (c.in_else)
          comp_.Error(n.loc, "#elif after #else");
        if (!c.taken) {
          bool v = EvalIf(n);
          if (v) {
            c.taken = true;
            return;
          }
        }
      }
      RestOfLine();
    }
  }

  void Include(const Token& directive) {
    auto line = RestOfLine();
    if (!line.empty() && line[0].kind == TokenKind::Ident)
      line = ExpandArg(line);
    std::string name;
    bool angled = false;
    if (line.empty()) {
      comp_.Error(directive.loc, "expected \"FILENAME\" or <FILENAME>");
      return;
    }
    if (line[0].kind == TokenKind::String && line[0].text.front() == '"') {
      name = line[0].text.substr(1, line[0].text.size() - 2);
    } else if (line[0].text == "<") {
      size_t i = 1;
      for (; i < line.size() && line[i].text != ">"; ++i) {
        if (i > 1 && line[i].has_space)
          name += ' ';
        name += line[i].text;
      }
      if (i == line.size()) {
        comp_.Error(line[0].loc, "expected '>'");
        return;
      }
      angled = true;
    } else {
      comp_.Error(line[0].loc, "expected \"FILENAME\" or <FILENAME>");
      return;
    }
    if (files_.size() > 200) {
      comp_.Error(directive.loc, "#include nested too deeply");
      return;
    }
    namespace fs = std::filesystem;
    std::vector<std::string> candidates;
    if (!angled && directive.loc.file) {
      fs::path dir = fs::path(directive.loc.file->name()).parent_path();
      candidates.push_back((dir / name).string());
    }
    for (const auto& d : comp_.options().include_dirs)
      candidates.push_back(d + "/" + name);
    if (!comp_.options().system_include_dir.empty()) {
      candidates.push_back(comp_.options().system_include_dir + "/" + name);
    }
    if (!name.empty() && name[0] == '/')
      candidates = {name};
    for (const auto& path : candidates) {
      std::error_code ec;
      if (!fs::is_regular_file(path, ec))
        continue;
      const support::SourceFile* file = comp_.ReadFile(path);
      if (!file)
        continue;
      if (pragma_once_.count(file->name()))
        return;
      files_.push_back(file);
      PushFile(Tokenize(comp_, file));
      return;
    }
    comp_.Error(line[0].loc, "'" + name + "' file not found",
                static_cast<uint32_t>(name.size() + 2));
  }

  // --- #if expressions ---------------------------------------------------------------------
  bool EvalIf(const Token& directive) {
    auto line = RestOfLine();
    // `defined X` and `defined(X)` are resolved before macro expansion.
    std::vector<Token> pre;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i].kind == TokenKind::Ident && line[i].text == "defined") {
        Token result = line[i];
        result.kind = TokenKind::Number;
        bool paren = i + 1 < line.size() && line[i + 1].text == "(";
        size_t j = i + 1 + (paren ? 1 : 0);
        if (j >= line.size() || line[j].kind != TokenKind::Ident) {
          comp_.Error(j < line.size() ? line[j].loc : line[i].loc,
                      "macro name must be an identifier");
          return false;
        }
        result.text = macros_.count(line[j].text) ? "1" : "0";
        if (paren) {
          if (j + 1 >= line.size() || line[j + 1].text != ")") {
            comp_.Error(j + 1 < line.size() ? line[j + 1].loc : line[j].loc, "expected ')'");
            return false;
          }
          ++j;
        }
        pre.push_back(result);
        i = j;
        continue;
      }
      pre.push_back(line[i]);
    }
    auto expr = ExpandArg(pre);
    if (expr.empty()) {
      SourceLoc end = directive.loc;
      end.offset += directive.length;
      comp_.Error(end, "expected value in expression");
      return false;
    }
    for (auto& t : expr) {
      if (t.kind == TokenKind::Ident) {
        t.kind = TokenKind::Number;
        t.text = "0";
      }
    }
    if_toks_ = &expr;
    if_pos_ = 0;
    if_error_ = false;
    if_dead_ = 0;
    PPValue v = IfTernary();
    if (!if_error_ && if_pos_ < expr.size()) {
      IfFail(expr[if_pos_], "token is not a valid binary operator in a preprocessor "
                            "subexpression");
    }
    return !if_error_ && v.v != 0;
  }

  const Token* IfPeek() { return if_pos_ < if_toks_->size() ? &(*if_toks_)[if_pos_] : nullptr; }
  bool IfAccept(const char* op) {
    const Token* t = IfPeek();
    if (t && t->kind == TokenKind::Punct && t->text == op) {
      ++if_pos_;
      return true;
    }
    return false;
  }
  void IfFail(const Token& at, const std::string& msg) {
    if (!if_error_)
      comp_.Error(at.loc, msg);
    if_error_ = true;
  }
  PPValue IfTernary() {
    PPValue c = IfBinary(0);
    if (IfAccept("?")) {
      if_dead_ += c.v == 0;
      PPValue a = IfTernary();
      if_dead_ -= c.v == 0;
      if (!IfAccept(":")) {
        if (IfPeek())
          IfFail(*IfPeek(), "expected ':'");
        else
          IfFail(if_toks_->back(), "expected ':'");
        return c;
      }
      if_dead_ += c.v != 0;
      PPValue b = IfTernary();
      if_dead_ -= c.v != 0;
      PPValue r = c.v ? a : b;
      r.is_unsigned = a.is_unsigned || b.is_unsigned;
      return r;
    }
    return c;
  }
  static int Precedence(const std::string& op) {
    static const std::map<std::string, int> prec = {
        {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4},  {"&", 5},  {"==", 6},
        {"!=", 6}, {"<", 7},  {">", 7}, {"<=", 7}, {">=", 7}, {"<<", 8},
        {">>", 8}, {"+", 9},  {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10}};
    auto it = prec.find(op);
    return it == prec.end() ? -1 : it->second;
  }
  PPValue IfBinary(int min_prec) {
    PPValue lhs = IfUnary();
    while (const Token* t = IfPeek()) {
      if (t->kind != TokenKind::Punct)
        break;
      int p = Precedence(t->text);
      if (p < 0 || p <= min_prec - 1 || p < min_prec)
        break;
      Token op = *t;
      ++if_pos_;
      // The unevaluated operand of && and || may divide by zero (C99 6.10.1p4 evaluates
      // like 6.5.13/6.5.14).
      bool skip = (op.text == "&&" && lhs.v == 0) || (op.text == "||" && lhs.v != 0);
      if_dead_ += skip;
      PPValue rhs = IfBinary(p + 1);
      if_dead_ -= skip;
      lhs = IfApply(op, lhs, rhs);
    }
    return lhs;
  }
  PPValue IfApply(const Token& op, PPValue a, PPValue b) {
    const std::string& o = op.text;
    PPValue r;
    bool u = a.is_unsigned || b.is_unsigned;
    uint64_t ua = static_cast<uint64_t>(a.v), ub = static_cast<uint64_t>(b.v);
    auto boolean = [](bool x) { return PPValue{x ? 1 : 0, false}; };
    if (o == "||")
      return boolean(a.v || b.v);
    if (o == "&&")
      return boolean(a.v && b.v);
    if (o == "==")
      return boolean(a.v == b.v);
    if (o == "!=")
      return boolean(a.v != b.v);
    if (o == "<")
      return boolean(u ? ua < ub : a.v < b.v);
    if (o == ">")
      return boolean(u ? ua > ub : a.v > b.v);
    if (o == "<=")
      return boolean(u ? ua <= ub : a.v <= b.v);
    if (o == ">=")
      return boolean(u ? ua >= ub : a.v >= b.v);
    r.is_unsigned = u;
    if (o == "|")
      r.v = a.v | b.v;
    else if (o == "^")
      r.v = a.v ^ b.v;
    else if (o == "&")
      r.v = a.v & b.v;
    else if (o == "<<")
      r.v = static_cast<int64_t>(ua << (ub & 63)), r.is_unsigned = a.is_unsigned;
    else if (o == ">>") {
      r.is_unsigned = a.is_unsigned;
      r.v = a.is_unsigned ? static_cast<int64_t>(ua >> (ub & 63)) : a.v >> (ub & 63);
    } else if (o == "+")
      r.v = static_cast<int64_t>(ua + ub);
    else if (o == "-")
      r.v = static_cast<int64_t>(ua - ub);
    else if (o == "*")
      r.v = static_cast<int64_t>(ua * ub);
    else if (o == "/" || o == "%") {
      if (b.v == 0) {
        if (!if_dead_)
          IfFail(op, "division by zero in preprocessor expression");
        return r;
      }
      if (u)
        r.v = static_cast<int64_t>(o == "/" ? ua / ub : ua % ub);
      else if (a.v == INT64_MIN && b.v == -1)
        r.v = o == "/" ? a.v : 0;
      else
        r.v = o == "/" ? a.v / b.v : a.v % b.v;
    }
    return r;
  }
  PPValue IfUnary() {
    const Token* t = IfPeek();
    if (!t) {
      IfFail(if_toks_->back(), "expected value in expression");
      return {};
    }
    Token tok = *t;
    ++if_pos_;
    if (tok.kind == TokenKind::Punct) {
      if (tok.text == "(") {
        PPValue v = IfTernary();
        if (!IfAccept(")")) {
          IfFail(IfPeek() ? *IfPeek() : tok, "expected ')' in preprocessor expression");
        }
        return v;
      }
      if (tok.text == "!")
        return PPValue{IfUnary().v == 0 ? 1 : 0, false};
      if (tok.text == "-") {
        PPValue v = IfUnary();
        v.v = static_cast<int64_t>(0 - static_cast<uint64_t>(v.v));
        return v;
      }
      if (tok.text == "+")
        return IfUnary();
      if (tok.text == "~") {
        PPValue v = IfUnary();
        v.v = ~v.v;
        return v;
      }
    }
    if (tok.kind == TokenKind::Number) {
      PPValue v;
      const std::string& s = tok.text;
      size_t i = 0;
      int base = 10;
      if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, i = 2;
      else if (s[0] == '0')
        base = 8;
      uint64_t acc = 0;
      bool any = false;
      for (; i < s.size(); ++i) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : 99;
        if (d >= base)
          break;
        acc = acc * base + d;
        any = true;
      }
      std::string suffix = s.substr(i);
      bool suffix_ok = true;
      for (char c : suffix) {
        if (c == 'u' || c == 'U')
          v.is_unsigned = true;
        else if (c != 'l' && c != 'L')
          suffix_ok = false;
      }
      if (!suffix_ok || (!any && base != 8)) {
        IfFail(tok, s.find('.') != std::string::npos
                        ? "floating point literal in preprocessor expression"
                        : "invalid digit in integer constant");
        return v;
      }
      v.v = static_cast<int64_t>(acc);
      if (acc > static_cast<uint64_t>(INT64_MAX))
        v.is_unsigned = true;
      return v;
    }
    if (tok.kind == TokenKind::Char) {
      std::string s = tok.text;
      int64_t c = 0;
      if (s.size() >= 3) {
        c = static_cast<signed char>(s[1]);
        if (s[1] == '\\' && s.size() >= 4) {
          switch (s[2]) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case '0': c = 0; break;
          case '\\': c = '\\'; break;
          case '\'': c = '\''; break;
          default: c = s[2];
          }
        }
      }
      return PPValue{c, false};
    }
    IfFail(tok, "invalid token at start of a preprocessor expression");
    return {};
  }

  Compilation& comp_;
  std::vector<Token> main_stack_;
  std::vector<Token>* stack_ = &main_stack_;
  std::unordered_map<std::string, Macro> macros_;
  std::vector<Conditional> conds_;
  std::vector<size_t> cond_base_; // conds_.size() when each open file started
  std::vector<const support::SourceFile*> files_;
  std::set<std::string> pragma_once_;
  int counter_ = 0;
  // #if evaluation state.
  const std::vector<Token>* if_toks_ = nullptr;
  size_t if_pos_ = 0;
  bool if_error_ = false;
  int if_dead_ = 0; // > 0 inside an operand that is not evaluated (no division-by-zero error)
};

} // namespace

std::vector<Token> PreprocessTokens(Compilation& comp, std::vector<Token> tokens) {
  return Preprocessor(comp).Run(std::move(tokens));
}

std::string TokensToText(const std::vector<Token>& tokens) {
  std::string out;
  const support::SourceFile* file = nullptr;
  uint32_t line = 0;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Eof)
      break;
    if (t.at_bol || out.empty()) {
      uint32_t l = t.loc.file ? t.loc.file->Line(t.loc.offset) : line + 1;
      if (t.loc.file != file || l < line || l > line + 8) {
        if (!out.empty())
          out += '\n';
        out += "# " + std::to_string(l) + " \"" + (t.loc.file ? t.loc.file->name() : "") + "\"\n";
      } else {
        for (uint32_t i = line; i < l; ++i)
          out += '\n';
      }
      file = t.loc.file;
      line = l;
      // Keep the indentation of the original line.
      if (t.loc.file) {
        std::string_view text = t.loc.file->LineText(l);
        for (char c : text) {
          if (c != ' ' && c != '\t')
            break;
          out += c;
        }
      }
    } else if (t.has_space) {
      out += ' ';
    }
    out += t.text;
  }
  out += '\n';
  return out;
}

} // namespace minicc::frontend
