// Help, version, completion and the man page, through the real binary. The command list is read
// from `chipgate --help`, so a command added to the table is covered without editing this file;
// each command's options are read from its own usage line and must all be described.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// The command names of `chipgate --help` (`  chipgate NAME ...` lines), in order, once each.
std::vector<std::string> Commands() {
  RunResult r = RunChipgate({"--help"});
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> out;
  std::regex line("^  chipgate ([a-z-]+)");
  std::istringstream in(r.out);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_search(l, m, line) && std::find(out.begin(), out.end(), m[1].str()) == out.end())
      out.push_back(m[1]);
  }
  return out;
}

// Every `--name` in a text.
std::set<std::string> OptionsIn(const std::string& text) {
  std::set<std::string> out;
  std::regex opt("--([a-z][a-z-]*)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), opt); it != std::sregex_iterator();
       ++it)
    out.insert((*it)[1]);
  return out;
}

// The lines of the help's option sections: `  --name VALUE   description`.
std::map<std::string, std::string> DescribedOptions(const std::string& help) {
  std::map<std::string, std::string> out;
  std::regex line("^  --([a-z][a-z-]*)(?: \\S+)?\\s+(\\S.*)$");
  std::istringstream in(help);
  std::string l, pending;
  for (; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_match(l, m, line)) out[m[1]] = m[2];
  }
  return out;
}

bool HasShell(const std::string& shell) {
  return std::system(("command -v " + shell + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

// `--help`, `-h` and `help COMMAND` print the same text; every option the usage line names and
// the common ones have a sentence (longer than a placeholder would be).
TEST_CASE("EveryCommandHelpExitsZeroAndDescribesEachOption", "[cli][help]") {
  std::vector<std::string> commands = Commands();
  // The table's commands, at least these (a new one is found by Commands() on its own).
  for (const char* name : {"check", "explain", "audit", "lint", "test", "db", "lists", "license",
                           "log", "version", "completion", "help"}) {
    CHECK(std::find(commands.begin(), commands.end(), name) != commands.end());
  }
  for (const auto& name : commands) {
    INFO(name);
    RunResult help = RunChipgate({name, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.err.empty());
    REQUIRE(help.out.starts_with("usage: chipgate " + name));
    CHECK(RunChipgate({name, "-h"}).out == help.out);
    CHECK(RunChipgate({"help", name}).out == help.out);
    // Every option of the usage line, and the common ones, is listed with a description.
    std::string usage = help.out.substr(0, help.out.find("\n\n"));
    auto described = DescribedOptions(help.out);
    std::set<std::string> wanted = OptionsIn(usage);
    wanted.insert({"log-level", "log-format", "log-file"});
    for (const auto& o : wanted) {
      INFO("--" << o);
      REQUIRE(described.count(o));
      CHECK(described[o].size() > 10);
    }
  }
  // Options the parser accepts but the usage line does not show are listed too.
  auto check = DescribedOptions(RunChipgate({"check", "--help"}).out);
  CHECK(check.count("line"));
  CHECK(check.count("fail-on"));
  CHECK(check["fail-on"].find("review") != std::string::npos);
}

// The usage printed on a usage error is the one --help starts with, for every command.
TEST_CASE("UsageErrorsPrintTheUsageOfTheHelp", "[cli][help]") {
  for (const auto& name : Commands()) {
    INFO(name);
    RunResult help = RunChipgate({name, "--help"});
    std::string usage = help.out.substr(0, help.out.find("\n\n") + 1);
    RunResult bad = RunChipgate({name, "--no-such-option"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err == "chipgate " + name + ": unknown option `--no-such-option`\n" + usage);
  }
  // Handlers' own usage errors print it too.
  RunResult audit = RunChipgate({"audit"});
  CHECK(audit.exit_code == 2);
  CHECK(audit.err.find(RunChipgate({"audit", "--help"}).out.substr(0, 40)) != std::string::npos);
}

TEST_CASE("HelpIsGivenWhateverElseIsOnTheLine", "[cli][help]") {
  // Another error on the line does not hide the help.
  RunResult r = RunChipgate({"check", "--bogus", "-h"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("usage: chipgate check"));
  // The value of a value option is not a request for help: `--rules --help` names a pack.
  RunResult value = RunChipgate({"lint", "--rules", "--help", "x"});
  CHECK(value.exit_code == 2);
  CHECK(value.out.empty());
  // `help` with an unknown command, or a shell no script is written for, is a usage error.
  CHECK(RunChipgate({"help", "bogus"}).exit_code == 2);
  CHECK(RunChipgate({"completion", "tcsh"}).exit_code == 2);
  CHECK(RunChipgate({"completion"}).exit_code == 2);
}

TEST_CASE("VersionNamesTheCommitAndTheBuildType", "[cli][help]") {
  RunResult text = RunChipgate({"version"});
  CHECK(text.exit_code == 0);
  CHECK(RunChipgate({"--version"}).out == text.out);
  std::smatch m;
  REQUIRE(std::regex_match(text.out, m,
                           std::regex("chipgate ([0-9]+\\.[0-9]+\\.[0-9]+)\n"
                                      "commit: ([0-9a-f]{40}|unknown)\n"
                                      "build type: ([A-Za-z]+)\n")));
  RunResult json = RunChipgate({"version", "--format", "json"});
  CHECK(json.exit_code == 0);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j.size() == 5);
  CHECK(j["schema"] == "chipgate.version/v1");
  CHECK(j["chipgate_version"] == m[1].str());  // the head every JSON document starts with
  CHECK(j["version"] == m[1].str());
  CHECK(j["commit"] == m[2].str());
  CHECK(j["build_type"] == m[3].str());
  // The source tree the tests run from is the checkout the binary was configured from: when it
  // is a git checkout, the commit is a real one of it.
  if (m[2] != "unknown") {
    CHECK(std::system(("git -C '" + SourcePath("") + "' cat-file -e " + m[2].str() +
                       "^{commit} 2>/dev/null")
                          .c_str()) == 0);
  }
  RunResult bad = RunChipgate({"version", "--format", "xml"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--format") != std::string::npos);
}

// bash is the shell the completion scripts are checked with here: zsh and fish are checked only
// where they are installed (docs/cli.md, "Shell completion").
TEST_CASE("BashCompletionLoadsAndCompletesFromTheTable", "[cli][help]") {
  TempDir dir;
  RunResult r = RunChipgate({"completion", "bash"});
  REQUIRE(r.exit_code == 0);
  std::string script = dir.Write("chipgate.bash", r.out);
  REQUIRE(std::system(("bash -n '" + script + "'").c_str()) == 0);
  // Source it and ask the completion function, as bash does on TAB.
  std::string probe = dir.Write("probe.sh",
                                "source \"$1\"\n"
                                "complete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));\n"
                                "  COMPREPLY=(); _chipgate; echo \"${COMPREPLY[*]}\"; }\n"
                                "complete_words chipgate che\n"
                                "complete_words chipgate check --fail\n"
                                "complete_words chipgate check --fail-on ''\n"
                                "complete_words chipgate db ''\n"
                                "complete_words chipgate log verify --check\n"
                                "complete_words chipgate completion ''\n");
  std::string out_path = dir.path() + "/out";
  REQUIRE(std::system(("bash '" + probe + "' '" + script + "' > '" + out_path + "'").c_str()) == 0);
  std::istringstream out(ReadFile(out_path));
  std::vector<std::string> lines;
  for (std::string l; std::getline(out, l);) lines.push_back(l);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "check");
  CHECK(lines[1] == "--fail-on");
  CHECK(lines[2] == "review license_required prohibited");
  CHECK(lines[3] == "init import migrate");
  CHECK(lines[4] == "--checkpoints");
  CHECK(lines[5] == "bash zsh fish");
}

TEST_CASE("ZshAndFishCompletionsNameEveryCommand", "[cli][help]") {
  std::vector<std::string> commands = Commands();
  TempDir dir;
  for (const char* shell : {"zsh", "fish"}) {
    INFO(shell);
    RunResult r = RunChipgate({"completion", shell});
    REQUIRE(r.exit_code == 0);
    for (const auto& c : commands) CHECK(r.out.find(c) != std::string::npos);
    bool names_fail_on = r.out.find("--fail-on") != std::string::npos ||
                         r.out.find("-l fail-on") != std::string::npos;
    CHECK(names_fail_on);
    if (HasShell(shell)) {
      std::string script = dir.Write(std::string("chipgate.") + shell, r.out);
      CHECK(std::system((std::string(shell) + " -n '" + script + "'").c_str()) == 0);
    } else {
      WARN(shell << " is not installed: its completion script was not syntax-checked");
    }
  }
}

// The page the build wrote (not one generated here), so a build that skipped it fails.
TEST_CASE("ManPageIsBuiltWithEveryCommand", "[cli][help]") {
  // The build writes it beside the binary (target chipgate_man, part of `all`).
  std::string page_path =
      (std::filesystem::path(CHIPGATE_BIN).parent_path() / "chipgate.1").string();
  std::string page = ReadFile(page_path);
  INFO(page_path);
  REQUIRE_FALSE(page.empty());
  CHECK(page.starts_with(".TH CHIPGATE 1 "));
  // It is exactly what the binary prints, so it says what --help says.
  CHECK(page == RunChipgate({"help", "--man"}).out);
  for (const auto& c : Commands()) {
    INFO(c);
    CHECK(page.find("\n.SS " + c + "\n") != std::string::npos);
    CHECK(page.find(".B chipgate " + c) != std::string::npos);
  }
  CHECK(page.find("\\-\\-fail\\-on") != std::string::npos);
  CHECK(page.find(".SH EXIT STATUS") != std::string::npos);
  // groff reads it without a warning (-ww: all warnings), where groff is installed.
  if (HasShell("groff")) {
    TempDir dir;
    std::string err = dir.path() + "/err";
    CHECK(std::system(("groff -man -Tutf8 -ww -z '" + page_path + "' 2> '" + err + "'").c_str()) ==
          0);
    CHECK(ReadFile(err).empty());
  } else {
    WARN("groff is not installed: the man page was not checked with it");
  }
}

}  // namespace chipgate::testing
