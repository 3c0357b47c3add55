// `chipgate db import` as a person uses it: what was imported per table (added, updated,
// unchanged, removed), repeated errors capped at 20 per code with a count of the rest, --map and
// --replace on the command line, and the progress bar: drawn on stderr when it is a terminal (a
// pseudo-terminal here), never when stderr is a pipe or --no-progress is given.
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t CountOf(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::string NewDb(const TempDir& dir) {
  std::string db = dir.path() + "/i.db";
  RunResult init = RunChipgate({"db", "init", db});
  REQUIRE(init.exit_code == 0);
  return db;
}

// Runs chipgate with its stdin, stdout and stderr on a new pseudo-terminal; returns the exit code
// and everything the terminal received.
RunResult RunOnTerminal(const std::vector<std::string>& args) {
  int master = -1;
  winsize ws{};
  ws.ws_col = 100;
  ws.ws_row = 24;
  pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    setenv("TERM", "xterm", 1);
    unsetenv("CHIPGATE_NO_PROGRESS");
    std::vector<char*> argv;
    std::string bin = CHIPGATE_BIN;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  RunResult r;
  char buf[4096];
  for (;;) {
    ssize_t n = read(master, buf, sizeof buf);
    if (n > 0) {
      r.err.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;  // EIO once the child has closed the terminal
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const char* kShipHeader = "shipment_id,date,consignee,consignee_country,part_number,quantity\n";

}  // namespace

TEST_CASE("DbImportPrintsWhatItImportedPerTable", "[cli][import]") {
  TempDir dir;
  std::string db = NewDb(dir);
  std::string parts = dir.Write("p.csv", "part_number,type\nGPU-1,ic\nNIC-1,other\n");
  std::string ships = dir.Write("s.csv", std::string(kShipHeader) +
                                             "S1,2024-06-01,Acme,SG,GPU-1,8\n"
                                             "S1,2024-06-01,Acme,SG,NIC-1,2\n");
  RunResult first = RunChipgate({"db", "import", db, "--parts", parts, "--shipments", ships});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(Has(first.out, "imported\n"));
  CHECK(Has(first.out, "table                added   updated unchanged   removed"));
  CHECK(Has(first.out, "  parts                    2         0         0         0\n"));
  CHECK(Has(first.out, "  shipments                1         0         0         0\n"));
  CHECK(Has(first.out, "  shipment_lines           2         0         0         0\n"));
  // The same files again: unchanged, exit 0 (it used to be raw UNIQUE constraint errors).
  RunResult again = RunChipgate({"db", "import", db, "--parts", parts, "--shipments", ships});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK_FALSE(Has(again.err, "UNIQUE"));
  CHECK(Has(again.out, "  parts                    0         0         2         0\n"));
  CHECK(Has(again.out, "  shipment_lines           0         0         2         0\n"));
  // JSON: the same counts, and the document matches its schema.
  RunResult json =
      RunChipgate({"db", "import", db, "--parts", parts, "--replace", "--format", "json"});
  INFO(json.err);
  REQUIRE(json.exit_code == 2);  // the parts are on a shipment: they cannot be cleared
  CHECK(Has(json.err, "\"code\": \"E607\""));
  RunResult j2 = RunChipgate({"db", "import", db, "--shipments", ships, "--format", "json"});
  REQUIRE(j2.exit_code == 0);
  CHECK(MatchesSchema("db-import", j2.out));
  CHECK(Has(j2.out, "\"table\": \"shipment_lines\""));
  CHECK(Has(j2.out, "\"unchanged\": 2"));
}

TEST_CASE("RepeatedErrorsAreCappedAtTwentyPerCode", "[cli][import]") {
  TempDir dir;
  std::string db = NewDb(dir);
  // 300 rows with a bad type (E601 each) and one short row (E605).
  std::string text = "part_number,type\n";
  for (int i = 1; i <= 300; ++i) text += "P-" + std::to_string(i) + ",chip\n";
  text += "P-X\n";
  RunResult r = RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", text)});
  CHECK(r.exit_code == 2);
  CHECK(CountOf(r.err, "error[E601]") == 20);
  CHECK(CountOf(r.err, "error[E605]") == 1);
  CHECK(Has(r.err, "... and 280 more E601 errors\n"));
  CHECK_FALSE(Has(r.err, "more E605"));
  CHECK(Has(r.err, "chipgate db import: 301 errors; nothing was imported"));
  // JSON keeps every diagnostic: a program reads them, not a person.
  RunResult j =
      RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", text), "--format", "json"});
  CHECK(CountOf(j.err, "\"code\": \"E601\"") == 300);
}

TEST_CASE("DbImportMapsColumnsAndHintsAtTheLikelyMistake", "[cli][import]") {
  TempDir dir;
  std::string db = NewDb(dir);
  std::string parts = dir.Write("p.csv", "Part No,Type\nGPU-1,IC\n");
  RunResult hint = RunChipgate({"db", "import", db, "--parts", parts});
  CHECK(hint.exit_code == 2);
  CHECK(Has(hint.err, "names none of the expected columns"));
  RunResult cased = RunChipgate(
      {"db", "import", db, "--parts", parts, "--map", "Part No=part_number", "--map", "Type=type"});
  CHECK(cased.exit_code == 2);
  CHECK(Has(cased.err, "did you mean `ic`?"));
  std::string fixed = dir.Write("p2.csv", "Part No,Type\nGPU-1,ic\n");
  RunResult ok = RunChipgate(
      {"db", "import", db, "--parts", fixed, "--map", "Part No=part_number", "--map", "Type=type"});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(Has(ok.out, "  parts                    1         0         0         0\n"));
  RunResult bad = RunChipgate({"db", "import", db, "--parts", fixed, "--map", "Part No"});
  CHECK(bad.exit_code == 2);
  CHECK(Has(bad.err, "must be NAME=column"));
  RunResult semi =
      RunChipgate({"db", "import", db, "--parts", dir.Write("p3.csv", "part_number;type\nA;ic\n")});
  CHECK(semi.exit_code == 2);
  CHECK(Has(semi.err, "separated by `;`, not `,`"));
}

TEST_CASE("ImportDrawsAProgressBarOnlyOnATerminal", "[cli][import][pty]") {
  TempDir dir;
  std::string db = NewDb(dir);
  std::string text = "part_number,type\n";
  for (int i = 1; i <= 2000; ++i) text += "P-" + std::to_string(i) + ",ic\n";
  std::string parts = dir.Write("p.csv", text);
  RunResult tty = RunOnTerminal({"db", "import", db, "--parts", parts});
  INFO(tty.err);
  REQUIRE(tty.exit_code == 0);
  // Drawn in place (carriage return, erase line) with the count and total, then erased.
  CHECK(Has(tty.err, "\r\033[Kimport parts ["));
  CHECK(Has(tty.err, "/2,000"));
  CHECK(Has(tty.err, "2,000/2,000  100%"));
  CHECK(Has(tty.err, "\r\033[K" + db + ": imported"));
  // --no-progress on a terminal: no bar.
  RunResult off = RunOnTerminal({"db", "import", db, "--parts", parts, "--no-progress"});
  REQUIRE(off.exit_code == 0);
  CHECK_FALSE(Has(off.err, "import parts"));
  CHECK_FALSE(Has(off.err, "\033[K"));
  // stderr a pipe: nothing but what is printed anyway.
  RunResult piped = RunChipgate({"db", "import", db, "--parts", parts});
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.err.empty());
}

TEST_CASE("AuditAndALargeCheckDrawAProgressBarOnATerminal", "[cli][import][pty]") {
  TempDir dir;
  std::string db = NewDb(dir);
  // The auditor reports progress every 256 parts: 600 parts give a bar.
  std::string text = "part_number,type,tpp,die_area_mm2,datacenter\n";
  for (int i = 1; i <= 600; ++i) text += "P-" + std::to_string(i) + ",ic,300,100,true\n";
  REQUIRE(RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", text)}).exit_code == 0);
  RunResult audit = RunOnTerminal({"audit", "--db", db, "--no-record", "--date", "2025-06-01"});
  INFO(audit.err);
  CHECK(Has(audit.err, "\r\033[Kaudit parts ["));
  CHECK(Has(audit.err, "/600"));
  RunResult quiet =
      RunOnTerminal({"audit", "--db", db, "--no-record", "--date", "2025-06-01", "--no-progress"});
  CHECK_FALSE(Has(quiet.err, "audit parts"));
  // check: a manifest of more than 1,024 lines is decided block by block under a bar.
  std::string manifest =
      "shipment:\n  id: SO-P\n  date: 2025-06-01\n"
      "  consignee: {name: Example, country: DE}\n  end_user: {name: Example, country: DE}\n"
      "lines:\n";
  for (int i = 1; i <= 1500; ++i) {
    manifest += "  - part: L-" + std::to_string(i) +
                "\n    quantity: 1\n    specs: {type: ic, tpp: 300, die_area_mm2: 100, "
                "datacenter: false}\n";
  }
  std::string m = dir.Write("m.yaml", manifest);
  RunResult check = RunOnTerminal({"check", m, "--no-audit"});
  INFO(check.err);
  CHECK((check.exit_code == 0 || check.exit_code == 1));
  CHECK(Has(check.err, "\r\033[Kcheck lines ["));
  CHECK(Has(check.err, "1,500/1,500  100%"));
  RunResult piped = RunChipgate({"check", m, "--no-audit"});
  CHECK_FALSE(Has(piped.err, "check lines"));
}

}  // namespace chipgate::testing
