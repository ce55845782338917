// The typed AST of mini-C: types, declarations, expressions and statements, as the type checker
// leaves them for the backend.
//
// Invariants the backend may rely on once Compile() reports no error:
//  - Every Expr has its C type (`type`, never null) and value category (`is_lvalue`).
//  - Implicit conversions are explicit Cast nodes (`implicit = true`): lvalue-to-rvalue loads,
//    array/function decay, integer promotions, usual arithmetic conversions, assignment, argument
//    and return conversions. So the operands of a binary arithmetic operator have the operator's
//    computation type, and an Assign's right side has the left side's unqualified type.
//  - Pointer arithmetic is its own node (PtrAdd/PtrSub/PtrDiff) carrying the element size; the
//    integer operand of PtrAdd/PtrSub is already converted to `long` (32-bit ptrdiff_t on wasm32);
//    PtrDiff has type `long`.
//  - sizeof/_Alignof/offsetof and enum constants are folded to IntLit.
//  - Layout is clang's for wasm32 (ILP32): char 1, short 2, int/long/pointer 4, long long 8,
//    float 4, double 8, long double 16 (binary128; alignment = size), _Bool 1, char signed; struct/union size, alignment,
//    member offsets and bit-field placement computed in layout.cpp exactly as clang does.
//
// All nodes live in the arena of the Compilation that produced them (frontend.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/diagnostics.h"

namespace minicc::frontend {

// A position in a source buffer (the expansion point for tokens that come from macros).
struct SourceLoc {
  const support::SourceFile* file = nullptr;
  uint32_t offset = 0;
};

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------
enum class TypeKind {
  Void,
  Bool,
  Char,
  SChar,
  UChar,
  Short,
  UShort,
  Int,
  UInt,
  Long,
  ULong,
  LongLong,
  ULongLong,
  Float,
  Double,
  LongDouble, // IEEE binary128 (clang's wasm32 ABI): size and alignment 16
  Enum,
  Pointer,
  Array,
  Function,
  Struct,
  Union,
};

enum Qualifier : uint8_t { kConst = 1, kVolatile = 2, kRestrict = 4 };

struct Type;
struct Expr;

// One member of a struct or union. An anonymous struct/union member is an unnamed member of
// record type; `s.x` reaching into it is built as Member(Member(s, <anon>), x).
struct Member {
  std::string name; // empty: unnamed bit-field or anonymous struct/union
  Type* type = nullptr;
  uint32_t offset = 0;     // byte offset; for bit-fields, of the storage unit read and written
  int bit_width = -1;      // -1: not a bit-field
  uint32_t bit_offset = 0; // bit position within the storage unit at `offset` (LSB first)
  SourceLoc loc;
};

// A struct or union definition. Shared by every (qualified) Type naming it, so completing the
// definition completes every use.
struct RecordInfo {
  std::string tag; // empty: anonymous
  bool is_union = false;
  bool complete = false;
  bool has_flexible_array = false;
  std::vector<Member> members; // in declaration order
  uint32_t size = 0;
  uint32_t align = 1;
  SourceLoc loc;
};

struct EnumInfo {
  std::string tag;
  bool complete = false;
  SourceLoc loc;
};

struct Type {
  TypeKind kind = TypeKind::Int;
  uint8_t quals = 0;             // Qualifier bits
  Type* base = nullptr;          // Pointer: pointee; Array: element; Function: return type
  int64_t array_len = -1;        // Array: element count, -1 when incomplete (`int a[]`)
  RecordInfo* record = nullptr;  // Struct/Union
  EnumInfo* enum_info = nullptr; // Enum (the underlying type is int or unsigned int)
  bool enum_unsigned = false;    // Enum: underlying type is unsigned int
  std::vector<Type*> params;     // Function: parameter types, adjusted (arrays/functions decayed)
  bool variadic = false;         // Function: `...`
  bool has_prototype = true;     // Function: false for `int f()` (unspecified parameters)
  Type* unqualified = nullptr;   // the same type without qualifiers (self when quals == 0)
  // Array: non-null for a variable length array (then array_len is 0 and SizeOf() 0): an rvalue
  // of type unsigned long, the element count, reading the hidden local that the declaration
  // (or the expression naming the type) sets when it is executed.
  Expr* vla_count = nullptr;

  bool IsInteger() const {
    return kind >= TypeKind::Bool && kind <= TypeKind::Enum && kind != TypeKind::Float &&
           kind != TypeKind::Double && kind != TypeKind::LongDouble;
  }
  bool IsFloat() const {
    return kind == TypeKind::Float || kind == TypeKind::Double || kind == TypeKind::LongDouble;
  }
  bool IsLongDouble() const { return kind == TypeKind::LongDouble; }
  bool IsArithmetic() const { return IsInteger() || IsFloat(); }
  bool IsPointer() const { return kind == TypeKind::Pointer; }
  bool IsScalar() const { return IsArithmetic() || IsPointer(); }
  bool IsRecord() const { return kind == TypeKind::Struct || kind == TypeKind::Union; }
  bool IsAggregate() const { return IsRecord() || kind == TypeKind::Array; }
  bool IsVoid() const { return kind == TypeKind::Void; }
  bool IsFunction() const { return kind == TypeKind::Function; }
  bool IsArray() const { return kind == TypeKind::Array; }
  bool IsConst() const { return quals & kConst; }
  bool IsVLA() const { return kind == TypeKind::Array && vla_count; }
};

// A variably modified type (C99 6.7.5p3): a VLA, or derived from one (pointer to a VLA,
// array of VLAs). Its size, or its pointee's, is known only at run time.
bool IsVariablyModified(const Type* t);

// Size and alignment in bytes for wasm32 (layout.cpp). Incomplete types have size 0.
uint32_t SizeOf(const Type* t);
uint32_t AlignOf(const Type* t);
bool IsSigned(const Type* t);
bool IsComplete(const Type* t);
// C's spelling of a type, as clang prints it in diagnostics: "int *", "struct S", "char[4]".
std::string TypeName(const Type* t);

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------
struct Expr;
struct Stmt;

enum class StorageClass { None, Static, Extern, Typedef };
enum class DeclKind { Var, Function, Param, Typedef, EnumConst };

// The value of a constant initialiser: an integer, a float, or an address (symbol or string
// literal plus byte offset). Used for global and static initialisers.
struct ConstValue {
  enum class Kind { Int, Float, Address } kind = Kind::Int;
  int64_t i = 0;                 // Int: value (bits of unsigned values); Address: byte offset
  double f = 0;                  // Float (for long double: rounded to double)
  uint64_t ld_lo = 0, ld_hi = 0; // Float of type long double: the binary128 bits
  struct Decl* symbol = nullptr; // Address: variable or function
  const Expr* string = nullptr;  // Address: string literal (StringLit)
};

// One scalar store of an initialiser, flattened: the object is zero-filled, then each entry
// writes `value` (converted to `type`) at `offset`. A char array initialised by a string literal
// is one entry whose `value` is the StringLit and `type` the array type: copy
// min(string size, array size) bytes.
struct InitEntry {
  uint32_t offset = 0;
  Type* type = nullptr;
  const Member* bitfield = nullptr; // set for bit-field members
  Expr* value = nullptr;
  std::optional<ConstValue> constant; // set when the value is a constant (always for globals)
};

struct Initializer {
  std::vector<InitEntry> entries;
};

struct Decl {
  DeclKind kind = DeclKind::Var;
  std::string name;
  Type* type = nullptr;
  SourceLoc loc;
  StorageClass storage = StorageClass::None;
  bool is_global = false; // file scope (or a static local: is_global && is_local_static)
  bool is_local_static = false;
  bool is_inline = false;
  bool is_defined = false;    // function with body, or variable with a definition
  bool is_tentative = false;  // file-scope variable without initialiser and without extern
  bool address_taken = false; // & applied, or an array/struct (lives in memory)
  bool is_used = false;
  bool is_vla_count = false;   // hidden local holding the element count of a VLA dimension
  Initializer* init = nullptr; // Var with an initialiser
  // Var of variable length array type: its size in bytes (unsigned long, evaluated when the
  // declaration is reached; the object is allocated on the shadow stack then and released at
  // the end of its block, or when a jump leaves its scope).
  Expr* vla_size = nullptr;
  int64_t enum_value = 0; // EnumConst

  // Function only.
  std::vector<Decl*> params; // named in the definition (empty names allowed in prototypes)
  Stmt* body = nullptr;
  std::vector<Decl*> locals; // every local variable of the body (incl. params, static locals)
  std::string import_module, import_name, export_name; // __attribute__ spellings
  Decl* previous = nullptr;                            // earlier declaration of the same entity
  Decl* definition = nullptr; // on every redeclaration: the defining declaration, if any
};

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------
enum class ExprKind {
  IntLit,
  FloatLit,
  StringLit,
  VarRef,
  // Unary: operand in `lhs`.
  Neg,
  Plus,
  BitNot,
  LogNot,
  Deref,
  AddrOf,
  PreInc,
  PreDec,
  PostInc,
  PostDec,
  // Binary arithmetic/comparison/logic: `lhs`, `rhs` (for comparisons the operands have the
  // common type, the result is int).
  Add,
  Sub,
  Mul,
  Div,
  Rem,
  Shl,
  Shr,
  BitAnd,
  BitOr,
  BitXor,
  Lt,
  Gt,
  Le,
  Ge,
  Eq,
  Ne,
  LogAnd,
  LogOr,
  PtrAdd,         // lhs pointer + rhs int, scaled by `elem_size`
  PtrSub,         // lhs pointer - rhs int, scaled
  PtrDiff,        // (lhs - rhs) / elem_size, type long
  Assign,         // lhs lvalue = rhs
  CompoundAssign, // lhs op= rhs: `op` the operator, `compute_type` the type of the operation
  Comma,
  Cond,            // Cond: cond ? lhs : rhs
  Call,            // callee `lhs` (pointer to function), `args`
  Member,          // lhs.member (`a->m` is Member(Deref(a)))
  Cast,            // `lhs` converted to `type`; `cast` says how
  CompoundLiteral, // `(T){...}`: the anonymous object `var` with its initialiser
  VaStart,
  VaArg,
  VaEnd,
  VaCopy, // __builtin_va_*: lhs = va_list lvalue, rhs = source (copy)
  MemorySize,
  MemoryGrow, // __builtin_wasm_memory_size/grow(0[, delta])
  WasmOp,     // __builtin_trap/sqrt/fabs/floor/ceil/trunc/... (`str` the name): one instruction
};

enum class CastKind {
  LValueToRValue, // load the value of an lvalue (same type, unqualified)
  ArrayToPointer, // address of the array's first element
  FunctionToPointer,
  IntegralCast, // integer to integer (truncate, sign/zero extend)
  IntegralToBool,
  FloatToBool,
  PointerToBool, // != 0
  IntegralToFloat,
  FloatToIntegral,
  FloatCast,
  IntegralToPointer,
  PointerToIntegral,
  BitCast, // BitCast: pointer to pointer
  ToVoid,
  NoOp, // same representation (e.g. adding/removing qualifiers, struct copy)
};

struct Expr {
  ExprKind kind = ExprKind::IntLit;
  Type* type = nullptr;
  bool is_lvalue = false;
  SourceLoc loc;       // the operator (binary) or the start of the expression
  SourceLoc begin;     // start of the whole expression, for ranges
  uint32_t length = 1; // bytes from `begin` to the end of the expression (same file)

  Expr* lhs = nullptr;
  Expr* rhs = nullptr;
  Expr* cond = nullptr;
  std::vector<Expr*> args;

  int64_t int_value = 0;          // IntLit (bits; interpret with `type`)
  double float_value = 0;         // FloatLit (long double: rounded to double)
  uint64_t ld_lo = 0, ld_hi = 0;  // FloatLit of type long double: the binary128 bits
  std::string str;                // StringLit bytes incl. the terminating NUL; type char[N]
  Decl* var = nullptr;            // VarRef, CompoundLiteral
  const Member* member = nullptr; // Member
  CastKind cast = CastKind::NoOp;
  bool implicit = false;        // Cast inserted by the type checker
  ExprKind op = ExprKind::Add;  // CompoundAssign: the arithmetic operator
  Type* compute_type = nullptr; // CompoundAssign: type the operation is done in
  uint32_t elem_size = 1;       // PtrAdd/PtrSub/PtrDiff, and ++/-- on pointers
  bool invalid = false;         // only in programs with errors: suppresses follow-on errors
};

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------
enum class StmtKind {
  Compound,
  Expr,
  Decl,
  If,
  While,
  DoWhile,
  For,
  Switch,
  Case,
  Default,
  Break,
  Continue,
  Return,
  Goto,
  Label,
  Null,
};

struct Stmt {
  StmtKind kind = StmtKind::Null;
  SourceLoc loc;
  std::vector<Stmt*> body;  // Compound
  Expr* expr = nullptr;     // Expr, Return (null: `return;`), If/While/DoWhile/Switch condition,
                            // For condition (may be null)
  std::vector<Decl*> decls; // Decl: local variables declared (with their Initializer)
  Stmt* init = nullptr;     // For: Expr or Decl statement (may be null)
  Expr* inc = nullptr;      // For increment (may be null)
  Stmt* then = nullptr;     // If then / loop body / Switch body / Case/Default/Label statement
  Stmt* els = nullptr;      // If else
  std::string label;        // Goto, Label
  Stmt* target = nullptr;   // Break/Continue: the loop or switch; Goto: the Label statement
  int64_t case_value = 0;   // Case (converted to the promoted switch type)
  std::vector<Stmt*> cases; // Switch: its Case and Default statements, in source order
  Stmt* default_case = nullptr; // Switch
};

// A whole translation unit after type checking.
struct TranslationUnit {
  // File-scope declarations in source order (variables and functions; redeclarations appear
  // each time, with `previous` linking them). Local statics appear in their function's `locals`.
  std::vector<Decl*> decls;
};

} // namespace minicc::frontend
