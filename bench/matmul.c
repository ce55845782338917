// Dense matrix multiply (i-k-j order) of 200x200 doubles, repeated.
#include <stdio.h>

#define N 200
static double a[N][N], b[N][N], c[N][N];

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (double)((i * 31 + j * 17) % 100) / 10.0;
      b[i][j] = (double)((i * 13 + j * 29) % 100) / 10.0;
    }
  double sum = 0;
  for (int rep = 0; rep < 50; rep++) {
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) c[i][j] = 0;
    for (int i = 0; i < N; i++)
      for (int k = 0; k < N; k++) {
        double aik = a[i][k];
        for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
      }
    sum += c[rep % N][rep % N] + c[N - 1 - rep % N][rep % N];
    a[rep % N][rep % N] += 1.0;
  }
  printf("matmul %.3f\n", sum);
  return 0;
}
