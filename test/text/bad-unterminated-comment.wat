;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; A block comment that never closes is a lexical error at its start.
(module (; (; nested ;)
;; CHECK: bad-unterminated-comment.wat:3:9: error: unclosed block comment
