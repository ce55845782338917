// Host-side binary128 for `long double` constants. Parsing is exact: the digits become a big
// integer, divided by a power of ten (or multiplied by one) into a quotient of 116-117 bits plus
// a sticky bit, then rounded once to 113 bits (or fewer for subnormals). Arithmetic and
// conversions use the host compiler's __float128 (the x86-64 soft-float of libgcc), which
// rounds correctly in the same format.
#include "frontend/float128.h"

#include <cstring>
#include <vector>

namespace minicc::frontend {

namespace {

using u128 = unsigned __int128;

// A little-endian big natural number in 32-bit limbs.
struct Big {
  std::vector<uint32_t> d;
  void Trim() {
    while (!d.empty() && d.back() == 0)
      d.pop_back();
  }
  bool IsZero() const { return d.empty(); }
  void MulAdd(uint32_t m, uint32_t a) {
    uint64_t carry = a;
    for (uint32_t& x : d) {
      uint64_t v = uint64_t(x) * m + carry;
      x = uint32_t(v);
      carry = v >> 32;
    }
    if (carry)
      d.push_back(uint32_t(carry));
  }
  int BitLength() const {
    if (d.empty())
      return 0;
    int n = int(d.size() - 1) * 32;
    for (uint32_t top = d.back(); top; top >>= 1)
      ++n;
    return n;
  }
  void Shl(int s) {
    if (d.empty() || s <= 0)
      return;
    int words = s / 32, bits = s % 32;
    std::vector<uint32_t> r(d.size() + size_t(words) + 1, 0);
    for (size_t i = 0; i < d.size(); ++i) {
      r[i + size_t(words)] |= d[i] << bits;
      if (bits)
        r[i + size_t(words) + 1] |= uint32_t(uint64_t(d[i]) >> (32 - bits));
    }
    d = std::move(r);
    Trim();
  }
  void Shr1() {
    for (size_t i = 0; i < d.size(); ++i) {
      d[i] >>= 1;
      if (i + 1 < d.size())
        d[i] |= d[i + 1] << 31;
    }
    Trim();
  }
  int Compare(const Big& o) const {
    if (d.size() != o.d.size())
      return d.size() < o.d.size() ? -1 : 1;
    for (size_t i = d.size(); i-- > 0;) {
      if (d[i] != o.d[i])
        return d[i] < o.d[i] ? -1 : 1;
    }
    return 0;
  }
  void Sub(const Big& o) { // requires *this >= o
    int64_t borrow = 0;
    for (size_t i = 0; i < d.size(); ++i) {
      int64_t v = int64_t(d[i]) - (i < o.d.size() ? int64_t(o.d[i]) : 0) - borrow;
      borrow = v < 0;
      d[i] = uint32_t(v + (borrow << 32));
    }
    Trim();
  }
};

int HexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Rounds q * 2^e2 (q != 0, plus `sticky` for non-zero bits below q) to binary128, nearest-even.
F128 RoundPack(u128 q, int e2, bool sticky, bool* overflow) {
  int m = 127;
  while (!((q >> m) & 1))
    --m;
  int exp = m + e2; // unbiased exponent of the leading bit
  int drop;         // low bits of q to drop
  if (exp >= -16382) {
    drop = m - 112;
  } else {
    drop = -16494 - e2; // the lowest subnormal bit has weight 2^-16494
  }
  if (exp > 16383 + 1) {
    if (overflow)
      *overflow = true;
    return {0, uint64_t(0x7fff) << 48};
  }
  u128 mant;
  if (drop <= 0) {
    mant = q << -drop;
  } else if (drop > 128) {
    mant = 0;
    sticky = true;
  } else {
    u128 rest = drop == 128 ? q : q & ((u128(1) << drop) - 1);
    mant = drop == 128 ? 0 : q >> drop;
    u128 half = u128(1) << (drop - 1);
    bool up = rest > half || (rest == half && (sticky || (mant & 1)));
    if (up)
      ++mant;
  }
  u128 bits;
  if (exp >= -16382) {
    // The hidden bit (2^112) adds one to the biased exponent field; a carry out of rounding
    // moves to the next binade (or to infinity) by the same addition.
    bits = (u128(uint32_t(exp + 16382)) << 112) + mant;
  } else {
    bits = mant; // subnormal; rounding up to 2^112 gives the smallest normal
  }
  if ((bits >> 112) >= 0x7fff) {
    if (overflow)
      *overflow = true;
    bits = u128(0x7fff) << 112;
  }
  return {uint64_t(bits), uint64_t(bits >> 64)};
}

__float128 ToHost(F128 x) {
  __float128 f;
  std::memcpy(&f, &x, 16);
  return f;
}

F128 FromHost(__float128 f) {
  F128 x;
  std::memcpy(&x, &f, 16);
  return x;
}

} // namespace

std::optional<F128> ParseF128(std::string_view s, bool* overflow) {
  size_t i = 0;
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    i = 2;
    u128 q = 0;
    int e2 = 0;
    bool sticky = false, any = false, dot = false;
    for (; i < s.size(); ++i) {
      if (s[i] == '.' && !dot) {
        dot = true;
        continue;
      }
      int v = HexValue(s[i]);
      if (v < 0)
        break;
      any = true;
      if ((q >> 120) == 0) {
        q = q << 4 | u128(v);
        if (dot)
          e2 -= 4;
      } else {
        sticky |= v != 0;
        if (!dot)
          e2 += 4;
      }
    }
    if (!any || i >= s.size() || (s[i] != 'p' && s[i] != 'P'))
      return std::nullopt;
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      neg = s[i++] == '-';
    if (i >= s.size())
      return std::nullopt;
    int64_t pe = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9')
        return std::nullopt;
      if (pe < 100000)
        pe = pe * 10 + (s[i] - '0');
    }
    if (q == 0)
      return F128{};
    return RoundPack(q, e2 + int(neg ? -pe : pe), sticky, overflow);
  }
  Big n;
  int64_t e10 = 0;
  bool dot = false, any = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9')
      break;
    any = true;
    if (n.IsZero() && c == '0') {
      if (dot)
        --e10;
      continue;
    }
    n.MulAdd(10, uint32_t(c - '0'));
    if (dot)
      --e10;
  }
  if (!any)
    return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      neg = s[i++] == '-';
    if (i >= s.size())
      return std::nullopt;
    int64_t x = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9')
        return std::nullopt;
      if (x < 1000000)
        x = x * 10 + (s[i] - '0');
    }
    e10 += neg ? -x : x;
  }
  if (i != s.size())
    return std::nullopt;
  if (n.IsZero())
    return F128{};
  int digits_bits = n.BitLength();
  // log10 bounds: anything above 10^4933 overflows, below 10^-4967 rounds to zero.
  if (e10 * 3.3219 + digits_bits > 16400.0) {
    if (overflow)
      *overflow = true;
    return F128{0, uint64_t(0x7fff) << 48};
  }
  if (e10 * 3.3219 + digits_bits < -16600.0)
    return F128{};
  Big den;
  den.d.push_back(1);
  for (int64_t k = 0; k < (e10 < 0 ? -e10 : e10); ++k)
    (e10 < 0 ? den : n).MulAdd(10, 0);
  // q = floor(n * 2^s / den) with 116 or 117 bits.
  int s_shift = 116 - (n.BitLength() - den.BitLength());
  if (s_shift > 0)
    n.Shl(s_shift);
  else
    den.Shl(-s_shift);
  den.Shl(117);
  u128 q = 0;
  for (int k = 0; k <= 117; ++k) {
    q <<= 1;
    if (n.Compare(den) >= 0) {
      n.Sub(den);
      q |= 1;
    }
    den.Shr1();
  }
  return RoundPack(q, -s_shift, !n.IsZero(), overflow);
}

F128 F128FromDouble(double d) {
  return FromHost(__float128(d));
}

double F128ToDouble(F128 x) {
  return double(ToHost(x));
}

F128 F128FromInt(int64_t v, bool is_unsigned) {
  return FromHost(is_unsigned ? __float128(uint64_t(v)) : __float128(v));
}

std::optional<int64_t> F128ToInt(F128 x, bool is_unsigned) {
  __float128 f = ToHost(x);
  if (f != f)
    return std::nullopt;
  if (is_unsigned) {
    if (!(f > -1 && f < __float128(18446744073709551616.0)))
      return std::nullopt;
    return int64_t(uint64_t(f));
  }
  if (!(f > __float128(-9223372036854775808.0) - 1 && f < __float128(9223372036854775808.0)))
    return std::nullopt;
  return int64_t(f);
}

F128 F128Arith(char op, F128 a, F128 b) {
  __float128 x = ToHost(a), y = ToHost(b);
  switch (op) {
  case '+': return FromHost(x + y);
  case '-': return FromHost(x - y);
  case '*': return FromHost(x * y);
  default: return FromHost(x / y);
  }
}

F128 F128Neg(F128 x) {
  x.hi ^= uint64_t(1) << 63;
  return x;
}

int F128Compare(F128 a, F128 b) {
  __float128 x = ToHost(a), y = ToHost(b);
  if (x < y)
    return -1;
  if (x > y)
    return 1;
  if (x == y)
    return 0;
  return 2;
}

bool F128IsZero(F128 x) {
  return x.lo == 0 && (x.hi << 1) == 0;
}

} // namespace minicc::frontend
