// Source-located diagnostics: line tables and clang-style rendering with caret lines.
#include "support/diagnostics.h"

#include <algorithm>
#include <cstdio>

namespace minicc::support {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

uint32_t SourceFile::Line(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<uint32_t>(it - line_starts_.begin());
}

uint32_t SourceFile::Column(size_t offset) const {
  uint32_t line = Line(offset);
  return static_cast<uint32_t>(offset - line_starts_[line - 1] + 1);
}

std::string_view SourceFile::LineText(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  size_t start = line_starts_[line - 1];
  size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  std::string_view v(text_.data() + start, end - start);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

static const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file) {
    out += std::string(SeverityName(d.severity)) + ": " + d.message + "\n";
    return out;
  }
  uint32_t line = d.file->Line(d.offset);
  uint32_t col = d.file->Column(d.offset);
  out += d.file->name() + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
         SeverityName(d.severity) + ": " + d.message + "\n";
  std::string_view text = d.file->LineText(line);
  out += std::string(text) + "\n";
  std::string caret;
  for (uint32_t i = 1; i < col && i - 1 < text.size(); ++i) {
    caret += text[i - 1] == '\t' ? '\t' : ' ';
  }
  caret += '^';
  size_t room = col - 1 < text.size() ? text.size() - (col - 1) : 1;
  size_t len = std::min(std::max<size_t>(d.length, 1), std::max<size_t>(room, 1));
  for (size_t i = 1; i < len; ++i) caret += '~';
  out += caret + "\n";
  return out;
}

void DiagnosticEngine::Report(Diagnostic d) {
  if (d.severity == Severity::Warning && warnings_as_errors) d.severity = Severity::Error;
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  diags_.push_back(std::move(d));
}

void DiagnosticEngine::Error(const SourceFile* file, size_t offset, std::string message,
                             size_t length) {
  Report({Severity::Error, file, offset, length, std::move(message)});
}
void DiagnosticEngine::Warning(const SourceFile* file, size_t offset, std::string message,
                               size_t length) {
  Report({Severity::Warning, file, offset, length, std::move(message)});
}
void DiagnosticEngine::Note(const SourceFile* file, size_t offset, std::string message,
                            size_t length) {
  Report({Severity::Note, file, offset, length, std::move(message)});
}

std::string DiagnosticEngine::ToString() const {
  std::string out;
  for (const auto& d : diags_) out += FormatDiagnostic(d);
  return out;
}

void DiagnosticEngine::Flush() {
  std::string s = ToString();
  std::fwrite(s.data(), 1, s.size(), stderr);
  diags_.clear();
}

}  // namespace minicc::support
