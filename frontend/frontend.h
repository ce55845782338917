// The mini-C frontend's entry points: a Compilation owns the source files, the AST arena and
// the diagnostics; Preprocess() gives `-E` output, Compile() the typed TranslationUnit.
//
// Pipeline (one file per stage, as chibicc): tokenize.cpp (bytes -> pp-tokens), preprocess.cpp
// (directives, macro expansion -> tokens), parse*.cpp (tokens -> AST, calling sema.cpp for every
// expression so the tree comes out typed), layout.cpp (types, sizes, struct layout),
// const_eval.cpp (integer and address constant expressions).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontend/ast.h"
#include "support/diagnostics.h"

namespace minicc::frontend {

struct Options {
  std::vector<std::string> include_dirs; // -I, searched in order for "..." and <...>
  std::string system_include_dir;        // the stdlib headers (<exe>/../lib/minicc/include)
  // -D NAME[=VALUE] and -U NAME, in command-line order (nullopt value: #undef).
  std::vector<std::pair<std::string, std::optional<std::string>>> macros;
  bool wall = false;        // -Wall: the extra warnings clang adds under -Wall
  bool werror = false;      // -Werror
  bool no_warnings = false; // -w
};

// ---------------------------------------------------------------------------------------------
// Tokens (shared by the lexer, preprocessor and parser)
// ---------------------------------------------------------------------------------------------
enum class TokenKind { Ident, Keyword, Number, Char, String, Punct, Eof };

struct HideSet; // macro names that must not expand this token again (preprocess.cpp)

struct Token {
  TokenKind kind = TokenKind::Eof;
  std::string text;       // spelling (for String/Char: with quotes and prefix)
  SourceLoc loc;          // where it is reported: the spelling, or the outermost macro use
  uint32_t length = 1;    // spelling length in bytes (for ranges)
  bool at_bol = false;    // first token on its line
  bool has_space = false; // preceded by whitespace
  const HideSet* hideset = nullptr;
  // A string or character literal missing its closing quote (repaired in `text`); reported
  // only when it reaches the parser, so skipped groups (#if 0) may hold apostrophes.
  bool unterminated = false;
};

// A simple arena: objects live until the Compilation is destroyed.
class Arena {
public:
  template <typename T, typename... Args> T* New(Args&&... args) {
    auto* p = new T(std::forward<Args>(args)...);
    owned_.push_back(Owned{p, [](void* q) { delete static_cast<T*>(q); }});
    return p;
  }
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (auto it = owned_.rbegin(); it != owned_.rend(); ++it)
      it->del(it->p);
  }

private:
  struct Owned {
    void* p;
    void (*del)(void*);
  };
  std::vector<Owned> owned_;
};

class Compilation {
public:
  explicit Compilation(Options options);
  Compilation(const Compilation&) = delete;
  Compilation& operator=(const Compilation&) = delete;

  // `-E`: the preprocessed text of `path` (nullopt if it could not be read).
  std::optional<std::string> Preprocess(const std::string& path);
  // Preprocesses, parses and type-checks `path`. The result is null only if the file could not
  // be read; check diags().error_count() before handing it to the backend.
  TranslationUnit* Compile(const std::string& path);
  // The same for in-memory text (tests, fuzzing).
  TranslationUnit* CompileText(const std::string& name, std::string text);
  std::optional<std::string> PreprocessText(const std::string& name, std::string text);

  support::DiagnosticEngine& diags() { return diags_; }
  const Options& options() const { return options_; }
  Arena& arena() { return arena_; }

  // Source buffers (each file read once; included files are added here).
  const support::SourceFile* AddFile(std::string name, std::string text);
  const support::SourceFile* ReadFile(const std::string& path); // cached; null if unreadable

  // Diagnostic helpers. Warnings are dropped with -w, promoted with -Werror.
  void Error(SourceLoc loc, std::string message, uint32_t length = 1);
  void Warning(SourceLoc loc, std::string message, uint32_t length = 1);
  void Note(SourceLoc loc, std::string message, uint32_t length = 1);
  // Caps runaway error cascades (clang stops after 20 errors).
  bool TooManyErrors() const { return diags_.error_count() >= 20; }

private:
  std::vector<Token> PreprocessFile(const support::SourceFile* file);

  Options options_;
  support::DiagnosticEngine diags_;
  Arena arena_;
  std::vector<std::unique_ptr<support::SourceFile>> files_;
};

// tokenize.cpp: splits a source buffer into preprocessing tokens (comments dropped, line
// splices handled). Errors (unterminated comment, stray characters) go to `comp`.
std::vector<Token> Tokenize(Compilation& comp, const support::SourceFile* file);

// preprocess.cpp: runs directives and expands macros, producing parser tokens (keywords marked,
// string literals still spelled), ending with one Eof token.
std::vector<Token> PreprocessTokens(Compilation& comp, std::vector<Token> tokens);
// Renders tokens as text for `-E` (line breaks and spaces as in the source).
std::string TokensToText(const std::vector<Token>& tokens);

// parse.cpp: tokens -> typed AST.
TranslationUnit* Parse(Compilation& comp, std::vector<Token> tokens);

} // namespace minicc::frontend
