// The WAT lexer and parser: token classes and offsets, comments and annotations, string
// escapes, s-expression skipping, numeric literals (exact float bits, ranges), implicit type
// order, and bad input that must be an error value (never a crash or a hang).
#include "wasm/text_lexer.h"
#include "wasm/text_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace minicc::wasm;

namespace {

std::vector<TokenKind> Kinds(std::string_view src) {
  auto toks = Tokenize(src);
  EXPECT_TRUE(toks.ok()) << (toks.ok() ? "" : toks.error().message);
  std::vector<TokenKind> kinds;
  if (toks.ok())
    for (const Token& t : *toks)
      kinds.push_back(t.kind);
  return kinds;
}

// The i-th instruction of the first function of a one-function module.
Instr FirstInstr(const std::string& body, size_t i = 0) {
  auto m = ParseWatModule("(module (func " + body + "))");
  EXPECT_TRUE(m.ok()) << body << ": " << (m.ok() ? "" : m.error().message);
  if (!m.ok() || m->functions.empty() || m->functions[0].body.instrs.size() <= i)
    return Instr{};
  return m->functions[0].body.instrs[i];
}

std::string ErrorOf(std::string_view src) {
  auto m = ParseWatModule(src);
  return m.ok() ? "" : m.error().message;
}

TEST(TextLexer, TokenKindsAndOffsets) {
  using K = TokenKind;
  EXPECT_EQ(Kinds("(module $m \"s\" 1 -0x1p3 nan:0x1 inf 1x ;; c\n)"),
            (std::vector<K>{K::LParen, K::Keyword, K::Id, K::String, K::Number, K::Number,
                            K::Number, K::Number, K::Reserved, K::RParen, K::Eof}));
  auto toks = Tokenize("(a\n  $b)");
  ASSERT_TRUE(toks.ok());
  EXPECT_EQ((*toks)[2].offset, 5u);
  EXPECT_EQ((*toks)[2].text, "$b");
}

TEST(TextLexer, CommentsAndAnnotations) {
  using K = TokenKind;
  EXPECT_EQ(Kinds("(; a (; nested ;) b ;) x (@ann (x \")\") y) z"),
            (std::vector<K>{K::Keyword, K::Keyword, K::Eof}));
  EXPECT_EQ(Kinds("(@a , ; ] [ }x{ (;c;) \";\") (@\"q\" x) y"),
            (std::vector<K>{K::Keyword, K::Eof}));
  // A line comment ends at LF, CR or CR LF.
  EXPECT_EQ(Kinds(";; c\rx ;; d\r\ny ;; e\nz ;; f"),
            (std::vector<K>{K::Keyword, K::Keyword, K::Keyword, K::Eof}));
  EXPECT_FALSE(Tokenize("(; (; ;)").ok());
  EXPECT_FALSE(Tokenize("(@a \x01)").ok());
  EXPECT_FALSE(Tokenize("\"abc").ok());
}

TEST(TextLexer, StringEscapes) {
  auto toks = Tokenize(R"("\t\n\r\"\'\\\41\u{48}\u{1F600}")");
  ASSERT_TRUE(toks.ok());
  auto s = DecodeString((*toks)[0]);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "\t\n\r\"'\\AH\xF0\x9F\x98\x80");
  EXPECT_FALSE(Tokenize(R"("\u{D800}")").ok());
  EXPECT_FALSE(Tokenize(R"("\q")").ok());
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));
}

TEST(TextLexer, QuotedIdAndSkip) {
  auto toks = Tokenize(R"w((a (b "x)" c) $"q d") e)w");
  ASSERT_TRUE(toks.ok());
  EXPECT_EQ(SkipSexpr(*toks, 0), 9u);
  EXPECT_EQ(SkipSexpr(*toks, 2), 7u);
  auto range = SexprRange(*toks, 2);
  EXPECT_EQ(range.first, 3u);
  EXPECT_EQ(range.second, 13u);
  auto id = IdName((*toks)[7]);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "q d");
}

TEST(TextParser, IntegerLiterals) {
  EXPECT_EQ(FirstInstr("i32.const 0xffff_ffff drop").c, uint64_t(int64_t(-1)));
  EXPECT_EQ(FirstInstr("i32.const -2147483648 drop").c, uint64_t(int64_t(INT32_MIN)));
  EXPECT_EQ(FirstInstr("i64.const 18_446_744_073_709_551_615 drop").c, UINT64_MAX);
  EXPECT_EQ(ErrorOf("(func i32.const 4294967296 drop)"), "constant out of range");
  EXPECT_EQ(ErrorOf("(func i32.const -2147483649 drop)"), "constant out of range");
  EXPECT_EQ(ErrorOf("(func i32.const 1_ drop)"), "unknown operator 1_");
}

TEST(TextParser, FloatLiterals) {
  EXPECT_EQ(FirstInstr("f32.const 0x1p-149 drop").c, 1u);  // smallest subnormal
  EXPECT_EQ(FirstInstr("f32.const 1.5 drop").c, 0x3FC00000u);
  EXPECT_EQ(FirstInstr("f32.const -nan:0x200000 drop").c, 0xFFA00000u);
  EXPECT_EQ(FirstInstr("f64.const inf drop").c, 0x7FF0000000000000ull);
  EXPECT_EQ(FirstInstr("f64.const 0x1.fffffffffffffp1023 drop").c, 0x7FEFFFFFFFFFFFFFull);
  // Rounded once to f32 (a double intermediate would round twice here).
  EXPECT_EQ(FirstInstr("f32.const 1.00000005960464477539062500001 drop").c, 0x3F800001u);
  EXPECT_EQ(ErrorOf("(func f32.const 1e39 drop)"), "constant out of range");
  EXPECT_EQ(ErrorOf("(func f32.const nan:0x800000 drop)"), "constant out of range");
}

TEST(TextParser, V128ConstFlatAndFolded) {
  EXPECT_EQ(FirstInstr("v128.const i32x4 1 2 3 4 drop").op, Opcode::V128Const);
  EXPECT_EQ(FirstInstr("v128.const i32x4 1 2 3 4 drop", 1).op, Opcode::Drop);
  EXPECT_EQ(FirstInstr("(drop (v128.const f64x2 nan -inf))", 1).op, Opcode::Drop);
  EXPECT_EQ(ErrorOf("(func v128.const i32x4 1 2 3 drop)"), "wrong number of lane literals");
  EXPECT_EQ(ErrorOf("(func v128.const f32x4 nan:1 0 0 0 drop)"), "unknown operator nan:1");
}

TEST(TextParser, ImplicitTypesInOrder) {
  auto m = ParseWatModule(R"((module
    (func (param i64))
    (type $t (func (param i32)))
    (func (param i32))
    (func (block (param i32) (result i32 i32) unreachable) (call_indirect (result f32)
      (i32.const 0)) drop drop)
    (table 1 funcref)))");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->types.size(), 5u);
  EXPECT_EQ(m->types[0].func.params, std::vector<ValType>{ValType::I32()});
  EXPECT_EQ(m->types[1].func.params, std::vector<ValType>{ValType::I64()});
  EXPECT_EQ(m->types[2].func.params.size(), 0u);  // the third func: () -> ()
  EXPECT_EQ(m->types[3].func.results.size(), 2u);
  EXPECT_EQ(m->types[4].func.results, std::vector<ValType>{ValType::F32()});
  EXPECT_EQ(m->functions[1].type_index, 0u);
}

TEST(TextParser, BadInputIsAnError) {
  const char* bad[] = {
      "(module", "(module (func (block)", "(func (i32.const))", "(func br $x)",
      "(func (local $a i32) (local $a i32))", "(memory 1) (func (i32.load align=0 (i32.const 0)))",
      "(type (func)) (func (type 1) (param i32))", "(func $f) (func $f)", ")", "(module) x",
      "(module binary \"\\00asm\")", "(func (v128.const i32x4 1 2 3))",
      "(func (i8x16.shuffle 0 1 2))", "(elem (i32.const 0) $nope)",
  };
  for (const char* src : bad)
    EXPECT_NE(ErrorOf(src), "") << src;
  // Deep nesting is bounded, not a stack overflow.
  std::string deep = "(func ";
  for (int i = 0; i < 100000; ++i)
    deep += "(block ";
  EXPECT_NE(ErrorOf(deep), "");
}

TEST(TextParser, ModuleForms) {
  auto toks = Tokenize("(module $m binary \"\\00asm\" \"\\01\\00\\00\\00\") (module quote \"(func)\")");
  ASSERT_TRUE(toks.ok());
  size_t pos = 0;
  auto bin = ParseModuleSexpr("", *toks, &pos);
  ASSERT_TRUE(bin.ok());
  EXPECT_EQ(bin->form, TextModule::Form::Binary);
  EXPECT_EQ(bin->name, "m");
  EXPECT_EQ(bin->bytes.size(), 8u);
  auto quote = ParseModuleSexpr("", *toks, &pos);
  ASSERT_TRUE(quote.ok());
  EXPECT_EQ(quote->form, TextModule::Form::Quote);
  EXPECT_EQ((*toks)[pos].kind, TokenKind::Eof);
}

}  // namespace
