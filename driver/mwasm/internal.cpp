// Hidden mwasm subcommands for tests and benchmarks (not listed in --help):
//   mwasm roundtrip [--spec=V] FILE...   read, write, compare; one line per file
//   mwasm decode-bench [--spec=V] [-n N] FILE   time the binary reader alone, print MB/s
#include <algorithm>
#include <ctime>
#include <memory>

#include <fmt/core.h>

#include "driver/mwasm/command.h"
#include "driver/mwasm/common.h"
#include "support/file_io.h"
#include "wasm/binary_writer.h"

namespace minicc::driver {
namespace {

struct RoundTripArgs {
  std::vector<std::string> files;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

// Per file: "identical" when writing gives the input bytes back; "stable" when it does not
// but the written module reads back and writes to the same bytes again (same module);
// "unstable" otherwise; "error" when the input does not read. Exit 1 if any unstable/error.
int RunRoundTrip(const RoundTripArgs& args) {
  wasm::ReadOptions options;
  options.spec = args.spec;
  size_t identical = 0, stable = 0, bad = 0;
  for (const std::string& file : args.files) {
    auto bytes = support::ReadBinaryFile(file);
    if (!bytes) {
      fmt::print("{}: error: {}\n", file, bytes.error().message);
      ++bad;
      continue;
    }
    auto module = wasm::ReadModule(*bytes, options);
    if (!module) {
      fmt::print("{}: error\n", FormatBinaryError(file, module.error()));
      ++bad;
      continue;
    }
    std::vector<uint8_t> written = wasm::WriteModule(*module);
    if (written == *bytes) {
      fmt::print("{}: identical\n", file);
      ++identical;
      continue;
    }
    auto again = wasm::ReadModule(written, options);
    if (again && wasm::WriteModule(*again) == written) {
      fmt::print("{}: stable\n", file);
      ++stable;
    } else {
      fmt::print("{}: unstable{}\n", file,
                 again ? "" : " (" + FormatBinaryError("<written>", again.error()) + ")");
      ++bad;
    }
  }
  fmt::print("roundtrip: {} identical, {} stable, {} failed\n", identical, stable, bad);
  return bad ? kExitBadInput : kExitOk;
}

struct BenchArgs {
  std::string file;
  int iterations = 20;
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

// CPU time of this thread: on a shared machine it varies far less than wall-clock time.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

int RunDecodeBench(const BenchArgs& args) {
  auto bytes = support::ReadBinaryFile(args.file);
  if (!bytes) {
    fmt::print(stderr, "{}: error: {}\n", args.file, bytes.error().message);
    return kExitBadInput;
  }
  wasm::ReadOptions options;
  options.spec = args.spec;
  double best = 1e300;
  size_t instrs = 0;
  for (int i = 0; i < args.iterations; ++i) {
    double t0 = ThreadCpuSeconds();
    auto module = wasm::ReadModule(*bytes, options);
    double t1 = ThreadCpuSeconds();
    if (!module) {
      ReportBinaryError(args.file, module.error());
      return kExitBadInput;
    }
    instrs = 0;
    for (const auto& f : module->functions)
      instrs += f.body.instrs.size();
    best = std::min(best, t1 - t0);
  }
  double mb = double(bytes->size()) / 1e6;
  fmt::print("decode: {} bytes, {} instructions, best CPU time of {}: {:.3f} ms, {:.1f} MB/s\n",
             bytes->size(), instrs, args.iterations, best * 1e3, mb / best);
  return kExitOk;
}

const RegisterCommand kRoundTrip{{"roundtrip", "", [](CLI::App& sub) -> std::function<int()> {
                                    auto args = std::make_shared<RoundTripArgs>();
                                    sub.group(""); // hidden
                                    sub.add_option("FILE", args->files)->required();
                                    AddSpecOption(sub, &args->spec);
                                    return [args] { return RunRoundTrip(*args); };
                                  }}};

const RegisterCommand kDecodeBench{{"decode-bench", "", [](CLI::App& sub) -> std::function<int()> {
                                      auto args = std::make_shared<BenchArgs>();
                                      sub.group(""); // hidden
                                      sub.add_option("FILE", args->file)->required();
                                      sub.add_option("-n,--iterations", args->iterations,
                                                     "runs (the best is reported)");
                                      AddSpecOption(sub, &args->spec);
                                      return [args] { return RunDecodeBench(*args); };
                                    }}};

} // namespace
} // namespace minicc::driver
