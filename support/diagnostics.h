// Diagnostics with source locations, printed the way clang and wabt print them:
//   file:line:col: error: message
//     the source line
//         ^~~~
// Used by every text front end (mini-C, WAT/WAST). Binary inputs use FILE:0xNN: instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minicc::support {

// A source buffer with a line table, so that byte offsets map to line:column.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  // 1-based line and column of a byte offset (column counts bytes, as clang does).
  uint32_t Line(size_t offset) const;
  uint32_t Column(size_t offset) const;
  std::string_view LineText(uint32_t line) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  const SourceFile* file = nullptr;  // null: no location
  size_t offset = 0;                 // byte offset of the caret
  size_t length = 1;                 // underline length (>=1)
  std::string message;
};

// Formats one diagnostic with its source line and caret (no trailing newline after caret line).
std::string FormatDiagnostic(const Diagnostic& d);

// Collects diagnostics; prints them to stderr in order. Counts errors for exit status.
class DiagnosticEngine {
 public:
  void Report(Diagnostic d);
  void Error(const SourceFile* file, size_t offset, std::string message, size_t length = 1);
  void Warning(const SourceFile* file, size_t offset, std::string message, size_t length = 1);
  void Note(const SourceFile* file, size_t offset, std::string message, size_t length = 1);

  bool warnings_as_errors = false;
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  // Prints all collected diagnostics to stderr (and clears them).
  void Flush();
  std::string ToString() const;

 private:
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

}  // namespace minicc::support
