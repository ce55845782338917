#!/usr/bin/env python3
"""Generates mini-C programs for the differential syntax test from templates (fixed seed).

usage: gen_programs.py OUT_DIR N_VALID N_INVALID

Valid programs combine global declarations and function bodies built from statement
templates. Invalid programs are valid programs with exactly one error template inserted;
clang-14 decides what the error line is, the test only compares the two compilers.
"""
import os
import random
import sys

TYPES = ["char", "short", "int", "long", "long long", "unsigned", "unsigned char",
         "unsigned short", "unsigned long", "unsigned long long", "signed char", "float",
         "double", "_Bool"]
INT_TYPES = [t for t in TYPES if t not in ("float", "double")]

GLOBALS = [
    "struct S{n} {{ {t} a; {t2} b; int c[{k}]; }};",
    "union U{n} {{ {t} a; {t2} b; char bytes[{k}]; }};",
    "typedef {t} T{n};",
    "enum E{n} {{ E{n}_A, E{n}_B = {k}, E{n}_C }};",
    "static {t} g{n} = {k};",
    "{t} garr{n}[{k}] = {{ 1, 2 }};",
    "const char *gstr{n} = \"str{n}\";",
    "struct B{n} {{ unsigned x : {w}; int y : 3; unsigned : 0; char z; }};",
    "int (*gfp{n})(int, int);",
    "extern {t} gext{n};",
    "static int helper{n}(int x) {{ return x * {k} + 1; }}",
    "{t} *gptr{n};",
    "struct N{n} {{ struct N{n} *next; {t} v; }};",
    "#define M{n}(x) ((x) * {k})",
    "_Static_assert(sizeof({t}) <= 8, \"size\");",
    "double gd{n} = {k}.5;",
    "int gm{n}[2][3] = {{ {{1, 2, 3}}, {{4, 5, 6}} }};",
]

STMTS = [
    "{t} v{n} = ({t}){k};",
    "int i{n} = {k}; i{n} += {k2}; i{n} <<= 2; i{n} %= 7;",
    "for (int j{n} = 0; j{n} < {k}; j{n}++) {{ acc += j{n}; }}",
    "while (acc > {k}) acc /= 2;",
    "do {{ acc++; }} while (acc < {k});",
    "if (acc > {k}) {{ acc -= {k2}; }} else if (acc < 0) {{ acc = -acc; }} else acc = 1;",
    "switch (acc & 3) {{ case 0: acc++; case 1: acc += 2; break; default: acc--; }}",
    "{{ int arr{n}[{k}]; arr{n}[0] = acc; acc = arr{n}[0] + (int)sizeof arr{n}; }}",
    "{{ char s{n}[] = \"hello\"; acc += s{n}[1] + (int)sizeof(s{n}); }}",
    "{{ struct {{ int x, y; }} p{n} = {{ {k}, {k2} }}; acc += p{n}.x * p{n}.y; }}",
    "{{ int *p{n} = &acc; *p{n} += 1; p{n}[0]--; }}",
    "acc = acc > {k} ? acc - 1 : acc + 1;",
    "acc = (acc, {k});",
    "{{ unsigned u{n} = {k}u; u{n} = ~u{n} >> 3; acc ^= (int)u{n}; }}",
    "{{ long long ll{n} = {k}LL * 1000000007LL; acc += (int)(ll{n} % 1000); }}",
    "{{ double d{n} = acc / 3.0; acc = (int)d{n}; }}",
    "{{ float f{n} = {k}.25f; f{n} *= 2; acc += (int)f{n}; }}",
    "{{ _Bool b{n} = acc; acc += b{n}; }}",
    "{{ int a{n}[3] = {{ [2] = {k} }}; acc += a{n}[2]; }}",
    "{{ const char *q{n} = \"abc\" + 1; acc += *q{n}; }}",
    "acc += !acc + -acc + +acc;",
    "{{ int x{n} = acc; x{n}++; ++x{n}; x{n}--; --x{n}; acc = x{n}; }}",
    "if (acc && {k} || !acc) acc |= {k2};",
    "{{ int m{n}[2][2] = {{ {{1, 2}}, {{3, 4}} }}; acc += m{n}[1][0]; }}",
    "{{ int (*fp{n})(int) = twice; acc = fp{n}(acc) + (*fp{n})(1); }}",
    "{{ struct T {{ int a; struct {{ char c; double d; }} in; }} t{n} = {{ 1, {{ 'x', 2.0 }} }}; acc += t{n}.in.c; }}",
    "{{ union {{ int i; float f; }} un{n}; un{n}.f = 1.0f; acc += un{n}.i != 0; }}",
    "{{ enum {{ R{n}, G{n} = 5, B{n} }} c{n} = B{n}; acc += c{n}; }}",
    "{{ static int counter{n}; counter{n}++; acc += counter{n}; }}",
    "{{ int v{n} = acc; int *pv{n} = &v{n}; int **ppv{n} = &pv{n}; acc = **ppv{n}; }}",
    "{{ char buf{n}[8]; char *bp{n} = buf{n}; *bp{n}++ = 'a'; acc += bp{n} - buf{n}; }}",
    "goto L{n}; L{n}: acc++;",
    "{{ int arr{n}[4] = {{1,2,3,4}}; int *e{n} = arr{n} + 4; acc += (int)(e{n} - arr{n}); }}",
    "acc = (int)(unsigned char)acc + (short)acc;",
    "{{ typedef struct {{ int w; }} W{n}; W{n} w{n} = {{ {k} }}; W{n} *pw{n} = &w{n}; acc += pw{n}->w; }}",
    "acc += sizeof(int) * _Alignof(double) + __func__[0];",
    "{{ int t{n} = (acc > 0) + (acc < 0) + (acc == {k}) + (acc != 1) + (acc >= 2) + (acc <= 3); acc += t{n}; }}",
    "{{ const int c{n} = {k}; acc += c{n}; }}",
    "{{ void *vp{n} = &acc; int *ip{n} = vp{n}; acc += *ip{n}; }}",
    "{{ int x{n} = {k}; x{n} = x{n} & 0xff | 0x100 ^ 3; acc += x{n}; }}",
    "acc = ((acc + 1) * 2 - 3) / 4 % 5;",
    "{{ int *np{n} = 0; if (np{n} == 0 && !np{n}) acc++; }}",
]

# Error templates: each produces exactly one error in clang-14 -std=c99 (by default).
ERRORS = [
    "acc = undeclared{n};",
    "acc = acc + ;",
    "acc = {k}",
    "{{ struct {{ int a; }} s{n}; acc = s{n}.nope; }}",
    "{{ int x{n}; x{n}(); }}",
    "{{ int x{n}; acc = *x{n}; }}",
    "{{ const int c{n} = 1; c{n} = 2; }}",
    "{k} = acc;",
    "break;",
    "continue;",
    "{{ int d{n}; int d{n}; }}",
    "{{ struct {{ int a; }} s{n}; acc = s{n} + 1; }}",
    "acc = twice(1, 2);",
    "acc = twice();",
    "{{ struct {{ int a; }} s{n}; if (s{n}) acc++; }}",
    "goto nowhere{n};",
    "switch (acc) {{ case 1: case 1: break; }}",
    "{{ int a{n}[2], b{n}[2]; a{n} = b{n}; }}",
    "{{ double d{n} = 1; switch (d{n}) {{ default: break; }} }}",
    "{{ int *p{n}; acc = p{n}->x; }}",
    "{{ int x{n}; acc = x{n}[0]; }}",
    "acc = (struct nope{n} *)0 - (struct nope{n} *)0;",
    "{{ struct inc{n} v{n}; }}",
    "acc = sizeof(struct inc{n});",
    "{{ int x{n} = {{ 1, 2 }}; }}",
    "{{ unknown_t{n} x{n}; }}",
    "acc = &(acc + 1) != 0;",
    "{{ int (*f{n})(int) = twice; acc = f{n}(); }}",
    "acc = 1 ? acc : (struct {{ int a; }}){{ 1 }};",
    "case 3: acc++;",
    "default: acc++;",
    "{{ int a{n}[-1]; }}",
    "return;",
    "acc = (acc;",
    "acc = acc[;",
    "{{ int x{n} = 08; }}",
    "{{ typedef int TT{n}; acc = TT{n}; }}",
    "{{ char *s{n} = \"abc\"; s{n} = s{n} * 2; }}",
    "{{ int i{n}; i{n} = 1.5 % 2; }}",
    "{{ int i{n}; acc = ~1.5; }}",
]

TAIL_ERRORS = [  # errors that belong at file scope
    "int twice(int x) {{ return x; }}",
    "struct dup{n} {{ int a; int a; }};",
    "int garr_bad{n}[{k}] = 1;",
    "static int redef{n}; static double redef{n};",
    "int bitbad{n} : 3;",
    "struct bf{n} {{ int x : 40; }};",
    "void vv{n};",
    "int nonconst{n} = acc_global + 1;",
    "_Static_assert(sizeof(int) == 8, \"nope\");",
    "enum en{n} {{ A{n}, A{n} }};",
]


def fill(t, rng, n):
    return t.format(n=n, t=rng.choice(TYPES), t2=rng.choice(TYPES), k=rng.randint(1, 9),
                    k2=rng.randint(1, 99), w=rng.randint(1, 31))


def program(rng, idx, error=None, tail_error=None):
    lines = ["/* generated program %d */" % idx]
    for g in range(rng.randint(2, 6)):
        lines.append(fill(rng.choice(GLOBALS), rng, "%d_%d" % (idx, g)))
    lines.append("int acc_global;")
    lines.append("int twice(int x) { return 2 * x; }")
    if tail_error:
        lines.insert(rng.randint(1, len(lines)), fill(tail_error, rng, idx))
    lines.append("int run%d(int acc) {" % idx)
    body = [fill(rng.choice(STMTS), rng, "%d_%d" % (idx, s)) for s in range(rng.randint(3, 9))]
    if error:
        body.insert(rng.randint(0, len(body)), fill(error, rng, "%d_e" % idx))
    lines += ["  " + b for b in body]
    lines.append("  return acc;")
    lines.append("}")
    lines.append("int main(void) { return run%d(%d) & 0; }" % (idx, rng.randint(0, 50)))
    return "\n".join(lines) + "\n"


def main():
    out, n_valid, n_invalid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(os.path.join(out, "valid"), exist_ok=True)
    os.makedirs(os.path.join(out, "invalid"), exist_ok=True)
    rng = random.Random(20261125)
    for i in range(n_valid):
        with open(os.path.join(out, "valid", "gen-%03d.c" % i), "w") as f:
            f.write(program(rng, i))
    for i in range(n_invalid):
        if i % 5 == 4:
            src = program(rng, i, tail_error=TAIL_ERRORS[(i // 5) % len(TAIL_ERRORS)])
        else:
            src = program(rng, i, error=ERRORS[i % len(ERRORS)])
        with open(os.path.join(out, "invalid", "gen-%03d.c" % i), "w") as f:
            f.write(src)


if __name__ == "__main__":
    main()
