// The annotations of the text format that carry meaning (the annotations proposal's custom
// annotations, as the reference interpreter's handlers define them):
//   (@custom "name" place? "bytes"*)    place ::= (before sec) | (after sec); sec ::= type |
//       import | func | table | memory | tag | global | export | start | elem | code | data |
//       datacount | first | last; default (after last). A custom section, at module level only.
//   (@name "name")                       after `module $id?` (before any field): the module's
//       name; after `func $id?` or `tag $id?`: that function's or tag's name. They fill
//       Module::names and a `name` custom section (subsections 0, 1 and 11).
//   (@metadata.code.branch_hint "\00"|"\01")   before an instruction of a function body: a
//       Function::branch_hints entry (the validator requires the instruction to be if/br_if;
//       the binary writer emits the `metadata.code.branch_hint` section).
// Errors use the reference interpreter's messages ("@custom annotation: missing section name",
// "misplaced @name annotation", ...). Other annotations are ignored.
#include <algorithm>
#include <map>

#include "wasm/leb128.h"
#include "wasm/text_parser_internal.h"

namespace minicc::wasm::text {
namespace {

// Section ids in the binary order (the order the binary writer emits them in).
constexpr uint8_t kSectionOrder[] = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};

std::optional<uint8_t> SectionId(std::string_view s) {
  static constexpr std::pair<std::string_view, uint8_t> kIds[] = {
      {"type", 1},   {"import", 2}, {"func", 3},   {"table", 4}, {"memory", 5},
      {"tag", 13},   {"global", 6}, {"export", 7}, {"start", 8}, {"elem", 9},
      {"code", 10},  {"data", 11},  {"datacount", 12}, {"first", 1}, {"last", 11}};
  for (auto [name, id] : kIds)
    if (s == name)
      return id;
  return std::nullopt;
}

// CustomSection::after_section for a placement before section `id`: the id emitted before it.
uint8_t BeforeSection(uint8_t id) {
  for (size_t i = 0; i < std::size(kSectionOrder); ++i)
    if (kSectionOrder[i] == id)
      return i == 0 ? 0 : kSectionOrder[i - 1];
  return 0;
}

void WriteU32Leb(std::vector<uint8_t>& out, uint32_t v) {
  uint8_t buf[5];
  out.insert(out.end(), buf, buf + EncodeULeb128(v, buf));
}

void AppendName(std::vector<uint8_t>& out, const std::string& s) {
  WriteU32Leb(out, uint32_t(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

void AppendSubsection(std::vector<uint8_t>& out, uint8_t id, const std::vector<uint8_t>& body) {
  if (body.empty())
    return;
  out.push_back(id);
  WriteU32Leb(out, uint32_t(body.size()));
  out.insert(out.end(), body.begin(), body.end());
}

std::vector<uint8_t> NameMapBytes(const std::map<uint32_t, std::string>& names) {
  std::vector<uint8_t> out;
  if (names.empty())
    return out;
  WriteU32Leb(out, uint32_t(names.size()));
  for (const auto& [index, name] : names) {
    WriteU32Leb(out, index);
    AppendName(out, name);
  }
  return out;
}

class AnnotationApplier {
public:
  AnnotationApplier(Parser& p) : p_(p), m_(p.m_) {}

  Status Run(const std::vector<TextAnnotation>& all) {
    for (const TextAnnotation& a : all) {
      if (a.next_token < p_.module_begin_ || a.next_token > p_.pos_)
        continue;
      if (a.id == "custom") {
        MINICC_TRY(Custom(a));
      } else if (a.id == "name") {
        MINICC_TRY(Name(a));
      } else if (a.id == "metadata.code.branch_hint") {
        MINICC_TRY(BranchHint(a));
      }
    }
    if (module_name_ || !func_names_.empty() || !tag_names_.empty()) {
      if (module_name_)
        m_.names.module = *module_name_;
      for (const auto& [index, name] : func_names_)
        m_.names.functions.emplace_back(index, name);
      std::vector<uint8_t> bytes, module_body;
      if (module_name_)
        AppendName(module_body, *module_name_);
      AppendSubsection(bytes, 0, module_body);
      AppendSubsection(bytes, 1, NameMapBytes(func_names_));
      AppendSubsection(bytes, 11, NameMapBytes(tag_names_));
      m_.customs.push_back(CustomSection{"name", std::move(bytes), 11});
    }
    return support::Ok{};
  }

private:
  Error At(const TextAnnotation& a, std::string message) const {
    return MakeError(std::move(message), a.offset);
  }

  // The field whose tokens contain token index `t` (strictly inside its parentheses).
  const FieldSpan* FieldAt(size_t t) const {
    for (const FieldSpan& f : p_.fields_)
      if (t > f.begin && t < f.end)
        return &f;
    return nullptr;
  }

  // (@custom "name" place? "bytes"*)
  Status Custom(const TextAnnotation& a) {
    const std::vector<Token>& items = a.body;
    size_t i = 0;
    if (i >= items.size() || items[i].kind != TokenKind::String)
      return At(a, "@custom annotation: missing section name");
    MINICC_TRY_ASSIGN(std::string name, DecodeString(items[i]));
    if (!IsValidUtf8(name))
      return MakeError("@custom annotation: malformed UTF-8 encoding", items[i].offset);
    ++i;
    uint8_t after = 11;  // (after last)
    if (i < items.size() && items[i].kind == TokenKind::LParen) {
      const Token& open = items[i++];
      bool before = false;
      if (i < items.size() && (items[i].text == "before" || items[i].text == "after"))
        before = items[i++].text == "before";
      else
        return MakeError("@custom annotation: malformed placement", open.offset);
      std::optional<uint8_t> id;
      if (i < items.size() && items[i].kind == TokenKind::Keyword)
        id = SectionId(items[i].text);
      if (!id)
        return MakeError("@custom annotation: malformed section kind", open.offset);
      ++i;
      if (i >= items.size() || items[i].kind != TokenKind::RParen)
        return MakeError("@custom annotation: unexpected token",
                         i < items.size() ? items[i].offset : a.offset);
      ++i;
      after = before ? BeforeSection(*id) : *id;
    }
    std::vector<uint8_t> bytes;
    for (; i < items.size() && items[i].kind == TokenKind::String; ++i) {
      MINICC_TRY_ASSIGN(std::string s, DecodeString(items[i]));
      bytes.insert(bytes.end(), s.begin(), s.end());
    }
    if (i < items.size())
      return MakeError("@custom annotation: unexpected token", items[i].offset);
    if (FieldAt(a.next_token))
      return At(a, "misplaced @custom annotation");
    m_.customs.push_back(CustomSection{std::move(name), std::move(bytes), after});
    return support::Ok{};
  }

  // (@name "name")
  Status Name(const TextAnnotation& a) {
    if (a.body.empty() || a.body[0].kind != TokenKind::String)
      return At(a, "@name annotation: string expected");
    MINICC_TRY_ASSIGN(std::string name, DecodeString(a.body[0]));
    if (!IsValidUtf8(name))
      return MakeError("malformed UTF-8 encoding", a.body[0].offset);
    if (a.body.size() > 1)
      return MakeError("@name annotation: unexpected token", a.body[1].offset);
    size_t t = a.next_token;
    if (p_.fields_.empty() || t <= p_.fields_.front().begin) {
      if (module_name_)
        return At(a, "@name annotation: multiple module names");
      module_name_ = std::move(name);
      return support::Ok{};
    }
    const FieldSpan* f = FieldAt(t);
    if (!f || (f->keyword != "func" && f->keyword != "tag"))
      return At(a, "misplaced @name annotation");
    if (t > f->prelude_end)
      return At(a, "@name annotation: misplaced annotation");
    auto& names = f->keyword == "func" ? func_names_ : tag_names_;
    if (!names.emplace(f->index, std::move(name)).second)
      return At(a, "@name annotation: multiple function names");
    return support::Ok{};
  }

  // (@metadata.code.branch_hint "\00" | "\01") before an instruction
  Status BranchHint(const TextAnnotation& a) {
    std::string value;
    for (const Token& t : a.body) {
      if (t.kind != TokenKind::String)
        return MakeError("@metadata.code.branch_hint annotation: unexpected token", t.offset);
      MINICC_TRY_ASSIGN(std::string s, DecodeString(t));
      value += s;
    }
    const FieldSpan* f = FieldAt(a.next_token);
    if (!f || !f->defined)
      return At(a, "@metadata.code.branch_hint annotation: not in a function");
    if (value.size() != 1 || uint8_t(value[0]) > 1)
      return At(a, "@metadata.code.branch_hint annotation: invalid hint value");
    // The instruction it stands before: its name token (after the `(` of a folded one).
    size_t t = a.next_token;
    if (p_.toks_[t].kind == TokenKind::LParen)
      ++t;
    uint32_t offset = p_.toks_[t].offset;
    Function& fn = m_.functions[*f->defined];
    const std::vector<Instr>& instrs = fn.body.instrs;
    auto it = std::find_if(instrs.begin(), instrs.end(),
                           [&](const Instr& in) { return in.offset == offset; });
    if (it == instrs.end() || p_.toks_[t].kind != TokenKind::Keyword)
      return At(a, "@metadata.code.branch_hint annotation: invalid placement");
    uint32_t index = uint32_t(it - instrs.begin());
    if (!fn.branch_hints.empty() && fn.branch_hints.back().instr >= index)
      return At(a, "@metadata.code.branch_hint annotation: duplicate annotation");
    fn.branch_hints.push_back(wasm::BranchHint{index, uint8_t(value[0])});
    return support::Ok{};
  }

  Parser& p_;
  Module& m_;
  std::optional<std::string> module_name_;
  std::map<uint32_t, std::string> func_names_, tag_names_;
};

}  // namespace

Status Parser::ApplyAnnotations() {
  if (!options_.annotations)
    return support::Ok{};
  return AnnotationApplier(*this).Run(*options_.annotations);
}

}  // namespace minicc::wasm::text
