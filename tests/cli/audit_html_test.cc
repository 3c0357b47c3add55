// The HTML audit report: a self-contained file (no network references) with the summary, the
// chart of parts by class and sortable tables, rendered for real in headless Chromium (Debian's
// `chromium` package, installed by scripts/test): the page's script must run and count every
// findings row. The rendering test carries the ctest label `browser` and a timeout
// (tests/CMakeLists.txt); the browser is $CHIPGATE_BROWSER, else the CMake cache variable
// CHIPGATE_BROWSER, else `chromium` on PATH. No browser is a failure, never a skip.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// The browser to run: a path, or a name looked up on PATH (as execvp would); empty when there is
// none to run.
std::string BrowserPath() {
  std::string browser = CHIPGATE_DEFAULT_BROWSER;
  if (const char* env = std::getenv("CHIPGATE_BROWSER"); env && *env) browser = env;
  if (browser.empty()) browser = "chromium";
  if (browser.find('/') != std::string::npos)
    return access(browser.c_str(), X_OK) == 0 ? browser : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + browser;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Runs the headless browser on `html` and returns the DOM after scripts ran.
std::string RenderedDom(const std::string& html, const TempDir& dir) {
  std::string browser = BrowserPath();
  if (browser.empty()) {
    FAIL(
        "no browser to render the HTML report: install Debian's `chromium` (scripts/test does), "
        "or set CHIPGATE_BROWSER (environment) or -DCHIPGATE_BROWSER=PATH (CMake) to a Chromium "
        "binary");
  }
  std::string out = dir.path() + "/dom.html", profile = dir.path() + "/profile";
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null = open("/dev/null", O_WRONLY);
    dup2(fd, 1);
    dup2(null, 2);
    std::string data = "--user-data-dir=" + profile, url = "file://" + html;
    execl(browser.c_str(), browser.c_str(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", data.c_str(), "--dump-dom", url.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  INFO("browser `" << browser << "` exit status " << status);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return ReadFile(out);
}

}  // namespace

TEST_CASE("HtmlAuditReportIsSelfContainedAndRendersInChromium", "[auditor][html][browser]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string html = dir.path() + "/report.html";
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--compare-date", "2023-11-16", "--format", "html",
                             "--output", html, "--no-record"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  std::string page = ReadFile(html);
  // Self-contained: no external scripts, styles, images or fonts.
  CHECK_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=\s*"(https?:)?//)")));
  CHECK(page.find("<table id=\"findings\" class=\"sortable\">") != std::string::npos);
  CHECK(page.find("<table id=\"changes\" class=\"sortable\">") != std::string::npos);
  CHECK(page.find("<svg id=\"class-chart\"") != std::string::npos);
  CHECK(page.find("@media print") != std::string::npos);
  size_t rows = 0;
  size_t body = page.find("<table id=\"findings\"");
  size_t end = page.find("</table>", body);
  for (size_t at = page.find("<tr><td", body); at != std::string::npos && at < end;
       at = page.find("<tr><td", at + 1))
    ++rows;
  // The sample's findings (tests/golden/audit/sample.json): 30 before issue 13, the shipment to a
  // foreign subsidiary of a Chinese group (SO-25-0412, through the customer master), the two
  // lines of SO-26-0506 (2026-11-12), whose owners the sample database does not give while the
  // affiliates rule is in force (review), and three license findings (issue 14: D1234567 past
  // its quantity, D3456789 used after it expired, D0456789's EAR99 matched to no class).
  CHECK(rows == 36);
  // The licenses section: one row per sample license, a bar per limit, D1234567 past its limit.
  size_t lic = page.find("<table id=\"licenses\" class=\"sortable\">");
  REQUIRE(lic != std::string::npos);
  size_t lic_end = page.find("</table>", lic);
  std::string licenses = page.substr(lic, lic_end - lic);
  size_t license_rows = 0, bars = 0;
  for (size_t at = licenses.find("<tr><td>"); at != std::string::npos;
       at = licenses.find("<tr><td>", at + 1))
    ++license_rows;
  for (size_t at = licenses.find("class=\"license-bar\""); at != std::string::npos;
       at = licenses.find("class=\"license-bar\"", at + 1))
    ++bars;
  CHECK(license_rows == 7);
  CHECK(bars == 14);  // every sample license limits both quantity and value
  CHECK(licenses.find("<tr><td>D1234567</td><td>3A090.a</td><td>CN</td><td>2023-10-01 to "
                      "2024-09-30</td><td class=\"use\"><svg class=\"license-bar\" width=\"120\" "
                      "height=\"12\"><title>40 of 32</title>") != std::string::npos);
  CHECK(licenses.find("fill=\"#b00020\"") != std::string::npos);  // the bar past its limit
  CHECK(licenses.find("license_quantity_exceeded</span> shipment SO-24-0322 line 1") !=
        std::string::npos);

  std::string dom = RenderedDom(html, dir);
  CHECK(dom.find("data-ready=\"1\"") != std::string::npos);  // the script ran
  CHECK(dom.find("<span id=\"rendered-findings\">36</span>") != std::string::npos);
  CHECK(dom.find("class=\"bar\"") != std::string::npos);
}

TEST_CASE("HtmlEscapesDataFromTheDatabase", "[auditor][html]") {
  TempDir dir;
  std::string db = dir.path() + "/x.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  REQUIRE(RunChipgate({"db", "import", db, "--parts",
                       dir.Write("p.csv",
                                 "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n"
                                 "\"<script>alert(1)</script>\",EAR99,ic,15832,814,true\n")})
              .exit_code == 0);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-01-01", "--format", "html", "--no-record"});
  CHECK(r.out.find("<script>alert(1)</script>") == std::string::npos);
  CHECK(r.out.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

// A license's party names are data from the database too: the licenses section escapes the
// findings it lists (their subjects name the part) and every license field.
TEST_CASE("HtmlLicensesSectionEscapesDataFromTheDatabase", "[auditor][html][license]") {
  TempDir dir;
  std::string db = dir.path() + "/x.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult imp = RunChipgate(
      {"db", "import", db, "--parts",
       dir.Write("p.csv",
                 "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n"
                 "\"<b>H100</b>\",3A090.a,ic,15832,814,true\n"),
       "--licenses",
       dir.Write("l.csv",
                 "license_number,classes,destinations,consignee,end_user,quantity,value_usd,"
                 "valid_from,valid_until,conditions\n"
                 "D1234567,3A090.a,CN,,,4,,2024-01-01,2024-12-31,<i>no resale</i>\n"),
       "--shipments",
       dir.Write("s.csv",
                 "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
                 "end_user_headquarters,part_number,quantity,license\n"
                 "\"S-<1>\",2024-06-01,Cloud Co,CN,Cloud Co,CN,CN,\"<b>H100</b>\",8,D1234567\n")});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-01-01", "--format", "html", "--no-record"});
  size_t lic = r.out.find("<table id=\"licenses\"");
  REQUIRE(lic != std::string::npos);
  std::string section = r.out.substr(lic, r.out.find("</table>", lic) - lic);
  CHECK(section.find("<b>") == std::string::npos);
  CHECK(section.find("S-<1>") == std::string::npos);
  CHECK(section.find("license_quantity_exceeded</span> shipment S-&lt;1&gt; line 1 "
                     "(&lt;b&gt;H100&lt;/b&gt;)") != std::string::npos);
  CHECK(section.find("<title>8 of 4</title>") != std::string::npos);
}

}  // namespace chipgate::testing
