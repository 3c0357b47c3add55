// A manifest on standard input (`chipgate check -`), through the real binary with the manifest
// written into a pipe: the same decisions and digest as the file, errors named `<stdin>` with
// line and field, the size limit applied while reading, and `-` refused everywhere else.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kExamples = SourcePath("rules/examples");

// Runs chipgate with `text` piped into its standard input.
RunResult Piped(const std::vector<std::string>& args, const std::string& text,
                const std::string& cwd = "") {
  RunOptions options;
  options.cwd = cwd;
  options.stdin_text = text;
  return RunChipgateWith(args, options);
}

}  // namespace

TEST_CASE("CheckReadsTheManifestFromAPipe", "[cli][stdin]") {
  TempDir dir;
  std::vector<std::string> args = {"check", "-", "--rules", kExamples, "--format", "json"};
  RunResult piped = Piped(args, ReadFile(kManifest), dir.path());
  INFO(piped.err);
  args[1] = kManifest;
  RunResult file = RunChipgate(args, dir.path());
  CHECK(piped.exit_code == 1);  // lines are held, as from the file
  CHECK(piped.exit_code == file.exit_code);
  auto p = nlohmann::json::parse(piped.out), f = nlohmann::json::parse(file.out);
  // Both runs append to the same audit log: only the sequence numbers and head differ.
  CHECK(p["lines"] == f["lines"]);
  CHECK(p["verdict"] == f["verdict"]);
  CHECK(p["audit"]["first_seq"] == 1);
  CHECK(f["audit"]["first_seq"] == 6);
  // The audit records name the same input: the digest is of the bytes, wherever they came from.
  RunResult e = RunChipgate({"log", "export", "--db", dir.path() + "/chipgate-audit.db"});
  std::vector<std::string> digests;
  std::istringstream lines(e.out);
  for (std::string line; std::getline(lines, line);)
    digests.push_back(nlohmann::json::parse(line)["input_digest"].get<std::string>());
  REQUIRE(digests.size() == 10);
  CHECK(digests.front() == digests.back());
}

TEST_CASE("CheckReadsAJsonManifestFromStdinWithTheDatabase", "[cli][stdin]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string order = SourcePath("examples/manifests/order-cloud-sg.yaml");
  std::vector<std::string> args = {"check",    "-",       "--db",
                                   db,         "--rules", SourcePath("rules/us-ear"),
                                   "--format", "json",    "--no-audit"};
  RunResult piped = Piped(args, ReadFile(order));
  INFO(piped.err);
  args[1] = order;
  RunResult file = RunChipgate(args);
  REQUIRE(file.exit_code != 2);
  CHECK(piped.exit_code == file.exit_code);
  CHECK(piped.out == file.out);
  CHECK(piped.err == file.err);
  // JSON text takes the JSON reader; the answer is the same as from a file.
  std::string json = ReadFile(SourcePath("examples/manifests/order-json.json"));
  RunResult from_json =
      Piped({"check", "-", "--rules", SourcePath("rules/us-ear"), "--no-audit"}, json);
  RunResult json_file = RunChipgate({"check", SourcePath("examples/manifests/order-json.json"),
                                     "--rules", SourcePath("rules/us-ear"), "--no-audit"});
  CHECK(from_json.exit_code == json_file.exit_code);
  CHECK(from_json.out == json_file.out);
}

TEST_CASE("ExplainReadsTheManifestFromStdin", "[cli][stdin]") {
  RunResult r = Piped({"explain", "-", "--rules", kExamples, "--line", "2"}, ReadFile(kManifest));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("line 2: part GAMING-GPU -> license_exception") != std::string::npos);
}

TEST_CASE("ErrorsInAManifestFromStdinNameStdinWithLineAndField", "[cli][stdin]") {
  std::string text =
      "shipment:\n"
      "  date: 2024-06-01\n"
      "  consignee: {name: Lab, country: DE}\n"
      "lines:\n"
      "  - part: P1\n"
      "    colour: red\n";
  RunResult r = Piped({"check", "-", "--rules", kExamples, "--no-audit"}, text);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("<stdin>:6:5: error[E104]") != std::string::npos);
  CHECK(r.err.find("colour") != std::string::npos);
  // The excerpt comes from what was read: the pipe cannot be read again.
  CHECK(r.err.find("    colour: red") != std::string::npos);
  RunResult empty = Piped({"check", "-", "--rules", kExamples, "--no-audit"}, "");
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.find("<stdin>:1:1: error[E105]: manifest is empty") != std::string::npos);
}

TEST_CASE("StdinIsReadWithinTheManifestSizeLimit", "[cli][stdin]") {
  std::string text = ReadFile(kManifest);
  std::vector<std::string> args = {"check",   "-",          "--rules",
                                   kExamples, "--no-audit", "--max-manifest-bytes"};
  args.push_back(std::to_string(text.size()));
  CHECK(Piped(args, text).exit_code == 1);  // exactly at the limit: decided
  args.back() = std::to_string(text.size() - 1);
  RunResult over = Piped(args, text);
  CHECK(over.exit_code == 2);
  CHECK(over.out.empty());
  CHECK(over.err.find("<stdin>: error[E100]: `<stdin>` is larger than the limit of " +
                      std::to_string(text.size() - 1) + " bytes") != std::string::npos);
  // A stream far over the limit is refused once the limit is passed, not read to its end (the
  // default limit is 16 MiB; this is 32 MiB of one repeated line).
  std::string endless;
  for (std::string line = "# padding padding padding padding padding padding padding\n";
       endless.size() < (size_t{32} << 20);)
    endless += line;
  RunResult huge = Piped({"check", "-", "--rules", kExamples, "--no-audit"}, endless);
  CHECK(huge.exit_code == 2);
  CHECK(huge.err.find("is larger than the limit of 16777216 bytes") != std::string::npos);
}

TEST_CASE("DashIsRefusedWhereNoManifestIsRead", "[cli][stdin]") {
  TempDir dir;
  std::string m = dir.Write("m.yaml", ReadFile(kManifest));
  const std::vector<std::vector<std::string>> cases = {
      {"lint", "-"},
      {"test", "-"},
      {"check", m, "--rules", "-"},
      {"check", m, "--rules", kExamples, "--db", "-"},
      {"check", m, "--rules", kExamples, "--audit", "-"},
      {"check", m, "--rules", kExamples, "--no-audit", "--log-file", "-"},
      {"audit", "--db", "-"},
      {"db", "init", "-"},
      {"db", "import", dir.path() + "/x.db", "--parts", "-"},
      {"lists", "import", "--db", dir.path() + "/x.db", "-"},
      {"log", "verify", "--db", "-"},
  };
  for (const auto& args : cases) {
    INFO(args[0] + " " + args[1] + " ... " + args.back());
    RunResult r = Piped(args, ReadFile(kManifest), dir.path());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("(standard input) is not accepted here") != std::string::npos);
    // Nothing was created under the name `-`.
    CHECK_FALSE(std::filesystem::exists(dir.path() + "/-"));
  }
  // A file named `-` is still reachable as `./-`.
  dir.Write("-", ReadFile(kManifest));
  RunResult dotted = RunChipgate({"check", "./-", "--rules", kExamples, "--no-audit"}, dir.path());
  CHECK(dotted.exit_code == 1);
}

}  // namespace chipgate::testing
