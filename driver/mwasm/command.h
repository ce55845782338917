// mwasm subcommands register themselves here: each lives in its own source file with a
// static RegisterCommand object, so adding one never touches a shared list.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "wasm/types.h"

namespace minicc::driver {

// Configures `sub` (options, positionals) and returns the action to run once parsing succeeded.
// The action returns the process exit status.
using CommandSetup = std::function<std::function<int()>(CLI::App& sub)>;

struct Command {
  std::string name;
  std::string description;
  CommandSetup setup;
};

std::vector<Command>& Commands();

struct RegisterCommand {
  explicit RegisterCommand(Command c) { Commands().push_back(std::move(c)); }
};

// Adds `--spec=2.0|3.0` to a subcommand (default 3.0).
void AddSpecOption(CLI::App& sub, wasm::SpecVersion* spec);

// Exit statuses shared by every tool.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitTrap = 134;

}  // namespace minicc::driver
