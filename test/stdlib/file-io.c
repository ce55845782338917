// RUN: %python %S/Inputs/compare.py %minicc %t %s %S/Inputs/file-io.stdin | FileCheck %s
// REQUIRES: gcc
// FILE* over WASI fds: fopen modes w/r/a/r+/w+, fwrite/fread, fputs/fgets, fprintf/fscanf,
// fseek/ftell/rewind, feof/ferror, ungetc, remove, fopen of a missing file, getenv; stdin
// through getchar/fgets/scanf (%d %s %c %f). minicc runs with --dir ., node with "." preopened.
// CHECK: file-io.c: {{[0-9]+}} lines, identical on {{[0-9]}} runners and gcc
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  FILE *f = fopen("data.txt", "w");
  if (!f) {
    printf("fopen w failed\n");
    return 1;
  }
  for (int i = 0; i < 500; i++) fprintf(f, "line %d %.3f\n", i, i / 7.0);
  fputs("last line without newline", f);
  printf("ftell after writing: %ld\n", ftell(f));
  printf("fclose: %d\n", fclose(f));

  f = fopen("data.txt", "r");
  char buf[128];
  int lines = 0;
  long sum = 0;
  while (fgets(buf, sizeof buf, f)) {
    lines++;
    sum += (long)strlen(buf);
    if (lines % 100 == 1) printf("read: %s", buf);
  }
  printf("\nlines %d bytes %ld eof %d err %d\n", lines, sum, feof(f), ferror(f));
  rewind(f);
  int n;
  double d;
  char word[16];
  int got = fscanf(f, "%15s %d %lf", word, &n, &d);
  printf("fscanf %d: %s %d %.3f\n", got, word, n, d);
  fseek(f, -10, SEEK_END);
  printf("ftell %ld\n", ftell(f));
  size_t r = fread(buf, 1, 100, f);
  buf[r] = 0;
  printf("fread %d [%s] eof %d\n", (int)r, buf, feof(f));
  fseek(f, 5, SEEK_SET);
  int c = fgetc(f);
  ungetc(c, f);
  int c2 = fgetc(f);
  printf("fgetc/ungetc %c %c ftell %ld\n", c, c2, ftell(f));
  fseek(f, 3, SEEK_CUR);
  c = fgetc(f);
  printf("after SEEK_CUR: %c ftell %ld\n", c, ftell(f));
  fclose(f);

  f = fopen("data.txt", "a");
  fputs("\nappended\n", f);
  fclose(f);
  f = fopen("data.txt", "r+");
  fseek(f, -9, SEEK_END);
  printf("r+: %s", fgets(buf, sizeof buf, f));
  fseek(f, 0, SEEK_SET);
  fputs("LINE", f);
  fseek(f, 0, SEEK_SET);
  printf("r+ after write: %s", fgets(buf, sizeof buf, f));
  fclose(f);

  f = fopen("bin.dat", "w+");
  int vals[64];
  for (int i = 0; i < 64; i++) vals[i] = i * i - 100;
  printf("fwrite %d\n", (int)fwrite(vals, sizeof vals[0], 64, f));
  rewind(f);
  int back[64];
  printf("fread %d\n", (int)fread(back, sizeof back[0], 64, f));
  printf("same %d\n", memcmp(vals, back, sizeof vals) == 0);
  r = fread(back, 4, 1, f);
  printf("fread at end %d eof %d\n", (int)r, feof(f));
  fclose(f);
  printf("remove %d\n", remove("bin.dat"));
  printf("reopen removed %d\n", fopen("bin.dat", "r") == NULL);
  printf("missing %d\n", fopen("no/such/file", "r") == NULL);

  printf("getenv %s %d\n", getenv("MINICC_TEST"), getenv("NO_SUCH_VARIABLE") == NULL);

  // stdin
  int a;
  char s[32], ch;
  float fl;
  got = scanf("%d %31s %c %f", &a, s, &ch, &fl);
  printf("scanf %d: %d %s %c %.2f\n", got, a, s, ch, fl);
  int g = getchar();
  printf("getchar %d\n", g);
  while (fgets(buf, sizeof buf, stdin)) printf("stdin: %s", buf);
  printf("getchar at end %d\n", getchar());
  return 0;
}
