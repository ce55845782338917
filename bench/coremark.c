// A CoreMark-like workload (not CoreMark itself): the three kernels of CoreMark 1.0 in their
// spirit, each iteration mixing them and folding results into a CRC-16, as CoreMark does.
// - list: a linked list of small records, searched, reversed and merge-sorted by two keys
// - matrix: 16-bit matrix add/multiply with constants, column sums and bit extraction
// - state: a character-driven state machine scanning numbers in a text buffer
#include <stdint.h>
#include <stdio.h>

static uint16_t crc16_step(uint8_t data, uint16_t crc) {
  for (int i = 0; i < 8; i++) {
    uint8_t x16 = (uint8_t)((data & 1) ^ ((uint8_t)crc & 1));
    data >>= 1;
    if (x16 == 1) {
      crc ^= 0x4002;
      crc = (uint16_t)((crc >> 1) | 0x8000);
    } else {
      crc >>= 1;
    }
  }
  return crc;
}
static uint16_t crc16(uint16_t v, uint16_t crc) {
  crc = crc16_step((uint8_t)v, crc);
  return crc16_step((uint8_t)(v >> 8), crc);
}

// --- list
typedef struct Node {
  struct Node* next;
  int16_t data;
  int16_t idx;
} Node;

#define NNODES 64
static Node nodes[NNODES];

static Node* list_init(uint16_t seed) {
  Node* head = 0;
  for (int i = NNODES - 1; i >= 0; i--) {
    nodes[i].idx = (int16_t)i;
    nodes[i].data = (int16_t)((seed ^ (i * 0x3a7)) & 0x7fff);
    nodes[i].next = head;
    head = &nodes[i];
  }
  return head;
}
static Node* list_reverse(Node* l) {
  Node* r = 0;
  while (l) {
    Node* n = l->next;
    l->next = r;
    r = l;
    l = n;
  }
  return r;
}
static Node* list_find(Node* l, int16_t idx, int16_t data) {
  if (idx >= 0) {
    while (l && l->idx != idx) l = l->next;
  } else {
    while (l && (l->data & 0xff) != data) l = l->next;
  }
  return l;
}
static int cmp_data(const Node* a, const Node* b) { return a->data - b->data; }
static int cmp_idx(const Node* a, const Node* b) { return a->idx - b->idx; }
// Bottom-up merge sort, as in CoreMark's core_list_mergesort.
static Node* list_sort(Node* list, int (*cmp)(const Node*, const Node*)) {
  int insize = 1;
  for (;;) {
    Node *p = list, *tail = 0;
    list = 0;
    int nmerges = 0;
    while (p) {
      nmerges++;
      Node* q = p;
      int psize = 0;
      for (int i = 0; i < insize && q; i++) {
        psize++;
        q = q->next;
      }
      int qsize = insize;
      while (psize > 0 || (qsize > 0 && q)) {
        Node* e;
        if (psize == 0) {
          e = q; q = q->next; qsize--;
        } else if (qsize == 0 || !q) {
          e = p; p = p->next; psize--;
        } else if (cmp(p, q) <= 0) {
          e = p; p = p->next; psize--;
        } else {
          e = q; q = q->next; qsize--;
        }
        if (tail) tail->next = e; else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (nmerges <= 1) return list;
    insize *= 2;
  }
}
static uint16_t bench_list(uint16_t seed, uint16_t crc) {
  Node* l = list_init(seed);
  int found = 0, missed = 0;
  for (int i = 0; i < 16; i++) {
    Node* f = list_find(l, (int16_t)(i % 3 == 0 ? -1 : (i * 7) % NNODES), (int16_t)(i * 13 & 0xff));
    if (f) {
      found += f->data & 7;
      crc = crc16((uint16_t)f->data, crc);
    } else {
      missed++;
    }
    l = list_reverse(l);
  }
  l = list_sort(l, cmp_data);
  for (Node* n = l; n; n = n->next) crc = crc16((uint16_t)n->data, crc);
  l = list_sort(l, cmp_idx);
  for (Node* n = l; n; n = n->next) crc = crc16((uint16_t)n->idx, crc);
  return crc16((uint16_t)(found * 4 - missed), crc);
}

// --- matrix
#define N 12
static int16_t ma[N * N], mb[N * N];
static int32_t mc[N * N];
static uint16_t bench_matrix(uint16_t seed, uint16_t crc) {
  int16_t val = (int16_t)seed;
  for (int i = 0; i < N * N; i++) {
    val = (int16_t)((val * 0x25 + 0x13) & 0x3ff);
    ma[i] = val;
    mb[i] = (int16_t)(val ^ 0x155);
  }
  for (int i = 0; i < N * N; i++) ma[i] = (int16_t)(ma[i] + 7);  // add constant
  for (int i = 0; i < N * N; i++) mc[i] = ma[i] * 3;            // multiply by constant
  int32_t sum = 0;
  for (int i = 0; i < N; i++) {                                 // matrix * vector
    int32_t acc = 0;
    for (int j = 0; j < N; j++) acc += ma[i * N + j] * mb[j];
    sum += acc;
  }
  for (int i = 0; i < N; i++) {                                 // matrix * matrix
    for (int j = 0; j < N; j++) {
      int32_t acc = 0;
      for (int k = 0; k < N; k++) acc += ma[i * N + k] * mb[k * N + j];
      mc[i * N + j] = acc;
    }
  }
  for (int i = 0; i < N * N; i++) {                             // bit extraction
    int32_t bits = (mc[i] >> 2) & 0xf;
    int32_t hi = (mc[i] >> 5) & 0x7f;
    sum += bits * hi;
    if (sum > 0x10000) sum -= 0x7fff;
  }
  return crc16((uint16_t)sum, crc);
}

// --- state machine
enum { START, INT, S1, FLOAT, S2, EXP, SCI, INVALID, NSTATES };
static const char* const kWords[] = {"5012", "1234", "-874", "+122", "35.54", "+0.1",
                                     ".256", "-0.4", "5.5e+3", "-.123e-2", "-87e+832",
                                     "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
static char text[512];
static int text_len;

static int next_state(const char** p, int* transitions) {
  const char* s = *p;
  int state = START;
  for (; *s && state != INVALID; s++) {
    char c = *s;
    if (c == ',') { s++; break; }
    transitions[state]++;
    switch (state) {
      case START:
        if (c >= '0' && c <= '9') state = INT;
        else if (c == '+' || c == '-') state = S1;
        else if (c == '.') state = FLOAT;
        else state = INVALID;
        break;
      case S1:
        if (c >= '0' && c <= '9') state = INT;
        else if (c == '.') state = FLOAT;
        else state = INVALID;
        break;
      case INT:
        if (c == '.') state = FLOAT;
        else if (!(c >= '0' && c <= '9')) state = INVALID;
        break;
      case FLOAT:
        if (c == 'E' || c == 'e') state = S2;
        else if (!(c >= '0' && c <= '9')) state = INVALID;
        break;
      case S2:
        if (c == '+' || c == '-') state = EXP;
        else state = INVALID;
        break;
      case EXP:
        if (c >= '0' && c <= '9') state = SCI;
        else state = INVALID;
        break;
      case SCI:
        if (!(c >= '0' && c <= '9')) state = INVALID;
        break;
    }
  }
  *p = s;
  return state;
}
static uint16_t bench_state(uint16_t seed, uint16_t crc) {
  int final_counts[NSTATES] = {0}, transitions[NSTATES] = {0};
  // Corrupt a few characters (as CoreMark does), scan, then restore.
  int pos = seed % text_len;
  char saved = text[pos];
  if (text[pos] != ',') text[pos] = (char)('0' + seed % 10);
  for (int pass = 0; pass < 2; pass++) {
    const char* p = text;
    while (*p) final_counts[next_state(&p, transitions)]++;
  }
  text[pos] = saved;
  for (int i = 0; i < NSTATES; i++) {
    crc = crc16((uint16_t)final_counts[i], crc);
    crc = crc16((uint16_t)transitions[i], crc);
  }
  return crc;
}

int main(void) {
  for (int i = 0; text_len < (int)sizeof text - 16; i++) {
    const char* w = kWords[(i * 5 + 3) % 16];
    while (*w) text[text_len++] = *w++;
    text[text_len++] = ',';
  }
  text[text_len] = 0;
  uint16_t crc = 0;
  for (int it = 0; it < 30000; it++) {
    crc = bench_list((uint16_t)(it ^ crc), crc);
    crc = bench_matrix((uint16_t)(it + crc), crc);
    crc = bench_state((uint16_t)it, crc);
  }
  printf("coremark-like crc %04x\n", crc);
  return 0;
}
