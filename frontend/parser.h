// Internal to the frontend: the Parser object shared by parse_decl.cpp, parse_init.cpp,
// parse_stmt.cpp, parse_expr.cpp (grammar) and sema.cpp (typing each expression as it is built,
// the way clang's Parser calls Sema). All state lives in the object; nothing is global.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/frontend.h"

namespace minicc::frontend {

// A file-, block- or prototype scope: ordinary identifiers and tags are separate name spaces.
struct Scope {
  std::unordered_map<std::string, Decl*> vars;
  std::unordered_map<std::string, Type*> tags;
};

struct Attributes {
  std::string import_module, import_name, export_name;
};

struct DeclSpec {
  Type* type = nullptr;
  StorageClass storage = StorageClass::None;
  bool is_inline = false;
  bool explicit_type = false; // a type specifier was written (else: implicit int, warned)
  Attributes attrs;
  SourceLoc loc;
};

enum class AssignContext { Assign, Init, Pass, Return };

class Parser {
public:
  Parser(Compilation& comp, std::vector<Token> tokens);
  TranslationUnit* Run();

  // ---- token helpers (parse_decl.cpp) --------------------------------------------------------
  const Token& Tok() const { return toks_[pos_]; }
  const Token& PeekTok(size_t n = 1) const {
    return toks_[pos_ + n < toks_.size() ? pos_ + n : toks_.size() - 1];
  }
  bool Is(const char* text) const;
  bool IsKw(const char* text) const;
  bool Accept(const char* text);
  bool Expect(const char* text, const char* context = nullptr);
  void Next() {
    if (pos_ + 1 < toks_.size())
      ++pos_;
  }
  bool AtEof() const { return Tok().kind == TokenKind::Eof; }
  SourceLoc PrevEnd() const; // just after the previous token (where clang puts "expected ';'")
  void SkipUntil(const char* stop, bool consume); // skips balanced brackets
  void SkipTo(std::initializer_list<const char*> stops);

  // ---- declarations (parse_decl.cpp) -------------------------------------------------------
  bool IsTypeName(const Token& t) const;
  bool StartsDeclaration() const;
  DeclSpec ParseDeclSpec(bool allow_storage);
  Type* ParseStructUnion(bool is_union);
  Type* ParseEnum();
  Type* ParseDeclarator(Type* base, std::string* name, SourceLoc* loc, bool abstract_ok);
  Type* ParseDeclaratorSuffix(Type* base);
  Type* ParseFunctionParams(Type* ret);
  Type* ParseTypeName();                     // type-name (casts, sizeof, compound literals)
  Type* ParseKnrDeclarations(Type* fn_type); // K&R parameter declarations: the final type
  // ---- variable length arrays (parse_decl.cpp) ---------------------------------------------
  // A VLA dimension: a hidden local (initialised with `size` converted to unsigned long) that
  // the declaration sets when it is executed; it joins pending_vla_ until then.
  Type* VlaArrayOf(Type* elem, Expr* size);
  Expr* SizeExpr(Type* t, SourceLoc loc); // sizeof t, at run time for VLAs (unsigned long)
  Expr* ScaleVla(Expr* index, Type* ptr); // pointer arithmetic on a pointer to a VLA
  // Moves the pending VLA sizes from `mark` on into the declaration statement `s`.
  void FlushVla(Stmt* s, size_t mark);
  // Evaluates the pending VLA sizes from `mark` on before `e` (a type name in an expression).
  Expr* WrapVla(Expr* e, size_t mark);
  void CheckVlaJumps(Decl* fn); // no goto or case label may jump into the scope of a VLA
  void ParseAttributes(Attributes* attrs);
  void ParseExternalDeclaration();
  void ParseFunctionDefinition(Decl* fn, Type* type);
  // Declares (or redeclares) `name` in the current scope; returns the new Decl.
  Decl* DeclareVar(const DeclSpec& spec, Type* type, const std::string& name, SourceLoc loc,
                   bool global);
  Decl* DeclareFunction(const DeclSpec& spec, Type* type, const std::string& name, SourceLoc loc);
  // declaration: declaration-specifiers init-declarator-list ; (inside a block, or for's init)
  Stmt* ParseLocalDeclaration();
  void ParseStaticAssert();
  int64_t ParseConstInt(const char* what, SourceLoc* loc_out = nullptr, bool* ok = nullptr);

  // ---- initialisers (parse_init.cpp) --------------------------------------------------------
  Initializer* ParseInitializer(Decl* var);
  void InitFor(Type* t, uint32_t off, const Member* bf, Initializer* out, bool top);
  void InitBraced(Type* t, uint32_t off, Initializer* out, int64_t* max_index);
  void InitElided(Type* t, uint32_t off, Initializer* out);
  bool InitDesignation(Type* t, uint32_t off, Initializer* out, size_t* next_index,
                       int64_t* max_index);
  void InitScalar(Type* t, uint32_t off, const Member* bf, Initializer* out, Expr* e);
  void FinishInitConstants(Initializer* init, bool require_constant);
  void CheckStringInit(const Type* array, const Expr* s);

  // ---- statements (parse_stmt.cpp) ---------------------------------------------------------
  Stmt* ParseStatement();
  Stmt* ParseCompound(bool new_scope = true);
  Expr* ParseCondition(const char* stmt_name,
                       SourceLoc stmt_loc); // ( expression ) checked as scalar

  // ---- expressions (parse_expr.cpp) --------------------------------------------------------
  Expr* ParseExpr();
  Expr* ParseAssign();
  Expr* ParseConditional();
  Expr* ParseBinary(int min_prec);
  Expr* ParseCast();
  Expr* ParseUnary();
  Expr* ParsePostfix(Expr* e);
  Expr* ParsePrimary();
  Expr* ParseNumber(const Token& t);
  Expr* ParseCharLiteral(const Token& t);
  Expr* ParseString();
  Expr* ParseBuiltin(const Token& name);

  // ---- semantic analysis (sema.cpp) ---------------------------------------------------------
  Expr* NewExpr(ExprKind kind, Type* type, SourceLoc loc);
  Expr* Invalid(SourceLoc loc);
  Expr* IntLit(int64_t v, Type* t, SourceLoc loc);
  Expr* RValue(Expr* e); // decay + lvalue-to-rvalue
  Expr* Cast(Expr* e, Type* to, bool implicit);
  Expr* Promote(Expr* e);
  Type* PromotedType(const Expr* e);
  Type* UsualArithmetic(Type* a, Type* b);
  Expr* AssignConvert(Expr* e, Type* to, AssignContext ctx, SourceLoc loc);
  Expr* CheckScalar(Expr* e, const char* what);
  Expr* BuildUnary(ExprKind op, Expr* e, SourceLoc loc);
  Expr* BuildBinary(ExprKind op, Expr* l, Expr* r, SourceLoc loc);
  Expr* BuildAssign(ExprKind op, Expr* l, Expr* r, SourceLoc loc); // op: Assign or arith op
  Expr* BuildConditional(Expr* c, Expr* a, Expr* b, SourceLoc loc);
  Expr* BuildCall(Expr* fn, std::vector<Expr*> args, SourceLoc loc, SourceLoc rparen);
  Expr* BuildMember(Expr* base, const std::string& name, bool arrow, SourceLoc loc,
                    SourceLoc name_loc);
  Expr* BuildSubscript(Expr* a, Expr* i, SourceLoc loc);
  Expr* BuildIdentifier(const Token& t);
  Expr* BuildExplicitCast(Type* to, Expr* e, SourceLoc loc);
  Expr* BuildSizeofAlignof(bool is_sizeof, Type* t, SourceLoc loc, uint32_t length);
  bool CheckModifiable(Expr* e, SourceLoc loc, const char* action);
  bool IsNullPointerConstant(const Expr* e);
  void WarnUnusedResult(Expr* e);
  std::string TN(const Type* t) const { return TypeName(t); }

  // ---- types (layout.cpp helpers exposed through the parser's type factory) -----------------
  Type* Basic(TypeKind k);
  Type* LibraryFunctionType(const std::string& name);
  Type* PointerTo(Type* base);
  Type* ArrayOf(Type* base, int64_t len);
  Type* FunctionType(Type* ret, std::vector<Type*> params, bool variadic, bool proto);
  Type* Qualified(Type* t, uint8_t quals);
  Type* Unqual(Type* t) { return t->unqualified ? t->unqualified : t; }
  bool Compatible(const Type* a, const Type* b) const;
  Type* Composite(Type* a, Type* b);
  void LayoutRecord(RecordInfo* r);

  // ---- scopes -------------------------------------------------------------------------------
  void PushScope() { scopes_.emplace_back(); }
  void PopScope() { scopes_.pop_back(); }
  Decl* LookupVar(const std::string& name) const;
  Expr* PrintfToPuts(Expr* e); // a printf statement of plain text ending in a newline: puts
  Type* LookupTag(const std::string& name, bool current_only) const;
  bool AtFileScope() const { return scopes_.size() == 1; }

  // ---- constant evaluation (const_eval.cpp) -------------------------------------------------
  std::optional<int64_t> EvalInt(const Expr* e);
  std::optional<double> EvalFloatConst(const Expr* e); // arithmetic constant, as double
  std::optional<ConstValue> EvalConst(const Expr* e);

  Compilation& comp_;
  Arena& arena_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  TranslationUnit* tu_ = nullptr;
  std::vector<Scope> scopes_;
  std::unordered_map<TypeKind, Type*> basic_;
  std::unordered_map<const Type*, std::vector<Decl*>> fn_params_; // declarator params by type
  std::unordered_map<const Type*, SourceLoc> knr_types_;          // identifier-list declarators
  // K&R definitions: parameters whose declared type differs from the promoted type they are
  // passed as (the Decl is the promoted parameter; a local of the declared type shadows it).
  std::unordered_map<const Type*, std::vector<std::pair<Decl*, Type*>>> knr_narrow_;
  std::vector<Decl*> pending_vla_; // VLA sizes not yet placed in a statement/expression
  std::unordered_map<const Type*, std::vector<Decl*>> fn_vla_; // VLA sizes of parameters
  int in_record_ = 0;                                          // parsing struct/union members
  int in_params_ = 0;                                          // parsing a parameter list
  bool fn_has_vla_ = false; // the function being parsed declares a variably modified object

  // Function being parsed.
  Decl* fn_ = nullptr;
  std::vector<Stmt*> breakables_; // loops and switches (innermost last)
  std::vector<Stmt*> loops_;
  std::vector<Stmt*> switches_;
  std::map<std::string, Stmt*> labels_;
  std::vector<Stmt*> gotos_;
  std::unordered_map<const Stmt*, SourceLoc> goto_kw_; // where each goto's keyword is
  bool saw_return_value_ = false;                      // the current function has a `return expr;`
  SourceLoc init_loc_;
  bool top_level_scalar_ = false; // the declarator being initialised (Init diagnostics)
  Expr* pending_init_ = nullptr;  // an expression read ahead by brace elision (parse_init.cpp)
  int recursion_ = 0;             // nesting guard against stack exhaustion on hostile input
  bool in_const_init_ = false;
  SourceLoc declarator_loc_;
  std::string declarator_name_; // name of the declarator being parsed (for messages)
};

// Guards a recursive parse function against stack exhaustion (deeply nested input).
// Operators in one left-associative chain (a + b + ...): deeper trees are rejected.
constexpr int kMaxOperatorChain = 10000;

class DepthGuard {
public:
  explicit DepthGuard(Parser& p) : p_(p) { ++p_.recursion_; }
  ~DepthGuard() { --p_.recursion_; }
  bool TooDeep() const { return p_.recursion_ > 400; }

private:
  Parser& p_;
};

} // namespace minicc::frontend
