// RUN: %minicc -E -I %S/Inputs %s | FileCheck %s
// #include with "..." and <...>, -I, #pragma once, include guards, the stdlib headers.
#include "Inputs/once.h"
#include <once.h>
#include "Inputs/guard.h"
#include <guard.h>
#include <stdbool.h>
bool flag = true;
// CHECK-COUNT-1: int included_once;
// CHECK-COUNT-1: int guarded;
// CHECK: _Bool flag = 1;
