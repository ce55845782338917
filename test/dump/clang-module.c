// REQUIRES: clang-14
// RUN: %clang-wasm -O1 -nostdlib -Wl,--no-entry -Wl,--export-all %s -o %t.wasm
// RUN: %mwasm dump %t.wasm | FileCheck %s
// A module linked by clang-14/wasm-ld: memory, the stack pointer global, exports and code.
int square(int x) { return x * x; }
int table[4] = {1, 2, 3, 4};
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n; ++i) s += table[i & 3];
  return s;
}
// CHECK-LABEL: Type (id 1)
// CHECK: (i32) -> i32
// CHECK-LABEL: Memory (id 5)
// CHECK-NEXT: memory[0] pages: min=2
// CHECK-LABEL: Global (id 6)
// CHECK-NEXT: global[0] mut i32 = i32.const {{[0-9]+}}
// CHECK-LABEL: Export (id 7)
// CHECK: "memory" -> memory 0
// CHECK: "square" -> func [[SQ:[0-9]+]] <square>
// CHECK: "sum" -> func
// CHECK-LABEL: Code (id 10)
// CHECK: func[[[SQ]]] <square> at
// CHECK-NEXT: | local.get 0
// CHECK-NEXT: | local.get 0
// CHECK-NEXT: | i32.mul
// CHECK-NEXT: | end
// CHECK: | loop
// CHECK: | i32.load
// CHECK-LABEL: Data (id 11)
// CHECK-NEXT: data[0] active memory 0 offset: i32.const {{[0-9]+}} size 16: "\01\00\00\00\02\00\00\00\03
// CHECK-LABEL: Custom (id 0) {{.*}} "name"
// CHECK: "square"
