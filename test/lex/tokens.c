// RUN: %minicc -E %s | FileCheck %s
// Punctuators (longest match), literals, comments, and line splices.
a>>=b<<=c...d->e++--f
// CHECK: a>>=b<<=c...d->e++--f
x = 0x1fULL + 1.5e-3f + 'a' + "s\"t" + L'w' + u8"s";
// CHECK: x = 0x1fULL + 1.5e-3f + 'a' + "s\"t" + L'w' + u8"s";
y /* comment */ = /* multi
line */ 1; // trailing
// CHECK: y = 1;
spl\
iced = 2;
// CHECK: spliced = 2;
