// The Compilation: owns source buffers, the AST arena and diagnostics, and wires the stages
// (tokenize -> preprocess -> parse/sema) for one translation unit.
#include "frontend/frontend.h"
#include "support/file_io.h"

namespace minicc::frontend {

Compilation::Compilation(Options options) : options_(std::move(options)) {
  diags_.warnings_as_errors = options_.werror;
}

const support::SourceFile* Compilation::AddFile(std::string name, std::string text) {
  files_.push_back(std::make_unique<support::SourceFile>(std::move(name), std::move(text)));
  return files_.back().get();
}

const support::SourceFile* Compilation::ReadFile(const std::string& path) {
  for (const auto& f : files_) {
    if (f->name() == path)
      return f.get();
  }
  auto text = support::ReadTextFile(path);
  if (!text)
    return nullptr;
  return AddFile(path, std::move(*text));
}

void Compilation::Error(SourceLoc loc, std::string message, uint32_t length) {
  diags_.Error(loc.file, loc.offset, std::move(message), length);
}

void Compilation::Warning(SourceLoc loc, std::string message, uint32_t length) {
  if (options_.no_warnings)
    return;
  diags_.Warning(loc.file, loc.offset, std::move(message), length);
}

void Compilation::Note(SourceLoc loc, std::string message, uint32_t length) {
  diags_.Note(loc.file, loc.offset, std::move(message), length);
}

std::vector<Token> Compilation::PreprocessFile(const support::SourceFile* file) {
  return PreprocessTokens(*this, Tokenize(*this, file));
}

std::optional<std::string> Compilation::Preprocess(const std::string& path) {
  const auto* file = ReadFile(path);
  if (!file)
    return std::nullopt;
  return TokensToText(PreprocessFile(file));
}

std::optional<std::string> Compilation::PreprocessText(const std::string& name, std::string text) {
  return TokensToText(PreprocessFile(AddFile(name, std::move(text))));
}

TranslationUnit* Compilation::Compile(const std::string& path) {
  const auto* file = ReadFile(path);
  if (!file)
    return nullptr;
  return Parse(*this, PreprocessFile(file));
}

TranslationUnit* Compilation::CompileText(const std::string& name, std::string text) {
  return Parse(*this, PreprocessFile(AddFile(name, std::move(text))));
}

} // namespace minicc::frontend
