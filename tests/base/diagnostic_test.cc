// Rendering diagnostics: the source line and caret come from the text the loader read and kept
// with each location, never from the disk at print time; BadResultAccess on a failed Result.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "chipgate/status.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A pack whose second line has an unknown field (E104) at column 31.
const char* const kBadPack = "attributes:\n  - {name: tpp, type: number, units: TOPS}\n";
const char* const kBadLine = "  - {name: tpp, type: number, units: TOPS}";

// The E104 block as rendered for `path`: header, the loaded line, a caret under column 31.
std::string ExpectedBlock(const std::string& path) {
  return path + ":2:31: error[E104]: attribute: unknown field `units`\n" + "  " + kBadLine + "\n" +
         "  " + std::string(30, ' ') + "^\n";
}

// The rendered block for the E104 diagnostic (the first diagnostic of that code).
std::string E104Block(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) {
    if (d.code == "E104") return RenderDiagnostics({d});
  }
  return "<no E104>";
}

// Changes the working directory for one scope.
class InDirectory {
 public:
  explicit InDirectory(const std::string& dir) : before_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~InDirectory() { std::filesystem::current_path(before_); }

 private:
  std::filesystem::path before_;
};

}  // namespace

// A path that exists nowhere on disk: the excerpt can only come from the string.
TEST_CASE("APackLoadedFromAStringGetsItsExcerptAndCaret", "[base][diagnostic]") {
  LoadResult r = Engine::LoadFromStrings({{"memory/rules.yaml", kBadPack}});
  CHECK_FALSE(r.engine);
  CHECK(E104Block(r.diagnostics) == ExpectedBlock("memory/rules.yaml"));
}

// Before the fix the renderer opened `rules.yaml` relative to the working directory and put the
// caret under this unrelated file's second line.
TEST_CASE("AnUnrelatedFileOfTheSameNameIsNeverShown", "[base][diagnostic]") {
  TempDir dir;
  dir.Write("rules.yaml", "# an unrelated file\n# that happens to be here: not the pack\n");
  InDirectory cwd(dir.path());
  LoadResult r = Engine::LoadFromStrings({{"rules.yaml", kBadPack}});
  std::string block = E104Block(r.diagnostics);
  CHECK(block == ExpectedBlock("rules.yaml"));
  CHECK(block.find("unrelated") == std::string::npos);
}

// The diagnostics outlive the loader's file list and the file itself.
TEST_CASE("AFileChangedAfterLoadingShowsWhatWasLoaded", "[base][diagnostic]") {
  TempDir dir;
  std::string path = dir.Write("pack/rules.yaml", kBadPack);
  LoadResult r = Engine::Load(dir.path() + "/pack");
  REQUIRE_FALSE(r.engine);
  dir.Write("pack/rules.yaml", "attributes:\n  - {name: changed, type: bool}\n");
  CHECK(E104Block(r.diagnostics) == ExpectedBlock(path));
  std::filesystem::remove(path);  // and once it is gone
  CHECK(E104Block(r.diagnostics) == ExpectedBlock(path));
}

// Manifests go through the same located reader as packs.
TEST_CASE("AManifestFromAStringGetsItsExcerpt", "[base][diagnostic]") {
  ManifestLoad m =
      LoadManifestFromString("in-memory.yaml", "shipment: {id: S1, bogus: 1}\n", Date{});
  REQUIRE_FALSE(m.diagnostics.empty());
  std::string text = RenderDiagnostics(m.diagnostics);
  INFO(text);
  CHECK(text.find("\n  shipment: {id: S1, bogus: 1}\n") != std::string::npos);
  CHECK(text.find("^\n") != std::string::npos);
}

// A diagnostic built by hand (no text kept) is a header only: nothing is read from disk, even
// where a file of that name might exist.
TEST_CASE("ALocationWithoutTextRendersWithoutAnExcerpt", "[base][diagnostic]") {
  TempDir dir;
  std::string path = dir.Write("on-disk.yaml", "line one\nline two\nline three\n");
  Diagnostic d{Severity::kWarning, "W999", {path, 3, 4}, "no text was kept"};
  CHECK(RenderDiagnostics({d}) == path + ":3:4: warning[W999]: no text was kept\n");
}

// Every way of reading the value of a failed Result throws, with the error's message in what().
TEST_CASE("ReadingTheValueOfAFailedResultThrowsBadResultAccess", "[base][status]") {
  Result<int> failed = Status::Error("cannot read `x`");
  CHECK_FALSE(failed.ok());
  CHECK_THROWS_AS(failed.value(), BadResultAccess);
  CHECK_THROWS_AS(*failed, BadResultAccess);
  CHECK_THROWS_WITH(std::as_const(failed).value(), Catch::Contains("cannot read `x`"));
  Result<std::string> text = Status::Error("gone");
  CHECK_THROWS_AS(text->size(), BadResultAccess);
  Result<int> fine = 7;
  CHECK(fine.value() == 7);
  CHECK(*fine == 7);
}

}  // namespace chipgate::testing
