/* Fixed-shape mini-batch SGD, tanh everywhere, loss ½(y − a)² averaged over the batch,
   a fresh shuffle every epoch and the train and test loss after it: nnviz's epoch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define MAXL 16
#define MAXW 64
#define MAXB 64
static int L, n[MAXL], ntr, nte, B;
static double W[MAXL][MAXW][MAXW], b[MAXL][MAXW], A[MAXL][MAXB][MAXW], D[MAXB][MAXW],
    D2[MAXB][MAXW], *X, *Y;
static int order[100000];
static unsigned long long rng = 88172645463325252ULL;
static unsigned long long next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static void forward(const int *rows, int m) {
  for (int e = 0; e < m; e++) for (int i = 0; i < n[0]; i++) A[0][e][i] = X[rows[e] * n[0] + i];
  for (int l = 1; l < L; l++) for (int e = 0; e < m; e++) for (int k = 0; k < n[l]; k++) {
    double s = b[l][k];
    for (int j = 0; j < n[l - 1]; j++) s += W[l][k][j] * A[l - 1][e][j];
    A[l][e][k] = tanh(s);
  }
}
static double loss(int first, int count) {
  double total = 0; int rows[MAXB];
  for (int s = 0; s < count; s += MAXB) {
    int m = count - s < MAXB ? count - s : MAXB;
    for (int e = 0; e < m; e++) rows[e] = first + s + e;
    forward(rows, m);
    for (int e = 0; e < m; e++) { double d = Y[rows[e]] - A[L - 1][e][0]; total += 0.5 * d * d; }
  }
  return total / count;
}
static void epoch(double lr, double *lt, double *le) {
  for (int i = ntr - 1; i > 0; i--) { int j = next() % (i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
  for (int s = 0; s < ntr; s += B) {
    int m = ntr - s < B ? ntr - s : B;
    forward(order + s, m);
    for (int e = 0; e < m; e++) { double a = A[L - 1][e][0]; D[e][0] = (a - Y[order[s + e]]) / m * (1 - a * a); }
    for (int l = L - 1; l >= 1; l--) {
      if (l > 1) for (int e = 0; e < m; e++) for (int j = 0; j < n[l - 1]; j++) {
        double s2 = 0; for (int k = 0; k < n[l]; k++) s2 += W[l][k][j] * D[e][k];
        double a = A[l - 1][e][j]; D2[e][j] = s2 * (1 - a * a);
      }
      for (int k = 0; k < n[l]; k++) {
        double gb = 0; for (int e = 0; e < m; e++) gb += D[e][k];
        for (int j = 0; j < n[l - 1]; j++) { double g = 0; for (int e = 0; e < m; e++) g += D[e][k] * A[l - 1][e][j]; W[l][k][j] -= lr * g; }
        b[l][k] -= lr * gb;
      }
      if (l > 1) for (int e = 0; e < m; e++) for (int j = 0; j < n[l - 1]; j++) D[e][j] = D2[e][j];
    }
  }
  *lt = loss(0, ntr); *le = loss(ntr, nte);
}
int main(int argc, char **argv) {  /* c_loop SECONDS BATCH N_TRAIN N_TEST n0 n1 ... < data */
  double seconds = atof(argv[1]); B = atoi(argv[2]); ntr = atoi(argv[3]); nte = atoi(argv[4]);
  L = argc - 5; for (int l = 0; l < L; l++) n[l] = atoi(argv[5 + l]);
  X = malloc(sizeof(double) * (ntr + nte) * n[0]); Y = malloc(sizeof(double) * (ntr + nte));
  for (int r = 0; r < ntr + nte; r++) { for (int i = 0; i < n[0]; i++) if (scanf("%lf", &X[r * n[0] + i]) != 1) return 1; if (scanf("%lf", &Y[r]) != 1) return 1; }
  for (int l = 1; l < L; l++) for (int k = 0; k < n[l]; k++) { b[l][k] = 0.1; for (int j = 0; j < n[l - 1]; j++) W[l][k][j] = (next() % 1000000) / 1e6 - 0.5; }
  for (int i = 0; i < ntr; i++) order[i] = i;
  double lt, le, t0 = now(); int count = 0;
  while (now() - t0 < 0.2) epoch(0.03, &lt, &le);
  t0 = now(); double el = 0;
  while (el < seconds) { epoch(0.03, &lt, &le); count++; el = now() - t0; }
  printf("{\"epochs_per_second\": %f, \"train_loss\": %f, \"test_loss\": %f}\n", count / el, lt, le);
  return 0;
}
