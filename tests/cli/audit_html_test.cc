// The HTML audit report: a self-contained file (no network references) with the summary, the
// chart of parts by class and sortable tables, rendered for real in headless Chromium (Debian's
// `chromium` package, installed by scripts/test): the page's script must run and count every
// findings row. The rendering test carries the ctest label `browser` and a timeout
// (tests/CMakeLists.txt); the browser is $CHIPGATE_BROWSER, else the CMake cache variable
// CHIPGATE_BROWSER, else `chromium` on PATH. No browser is a failure, never a skip.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "chipgate/inventory_audit.h"
#include "cli/audit_html.h"
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

// What one run of the headless browser gave: the DOM after scripts ran (with --dump-dom) and how
// long the browser took, start to exit.
struct BrowserRun {
  std::string dom;
  double seconds = 0;
};

// Runs the headless browser on `url` (a file:// address, maybe with a #fragment) with `extra`
// arguments (--dump-dom, --screenshot=..., --window-size=...). REQUIREs that it exits 0.
BrowserRun RunBrowser(const std::string& url, const TempDir& dir,
                      const std::vector<std::string>& extra) {
  std::string browser = BrowserPath();
  if (browser.empty()) {
    FAIL(
        "no browser to render the HTML report: install Debian's `chromium` (scripts/test does), "
        "or set CHIPGATE_BROWSER (environment) or -DCHIPGATE_BROWSER=PATH (CMake) to a Chromium "
        "binary");
  }
  std::string out = dir.path() + "/dom.html", profile = dir.path() + "/profile";
  std::vector<std::string> args = {browser,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--hide-scrollbars",
                                   "--user-data-dir=" + profile};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(url);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null = open("/dev/null", O_WRONLY);
    dup2(fd, 1);
    dup2(null, 2);
    execv(browser.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  BrowserRun run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("browser `" << browser << "` exit status " << status);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  run.dom = ReadFile(out);
  return run;
}

// The DOM of the page at `html` (a path) after its scripts ran; `fragment` is appended to the
// address (e.g. "#severity=high").
std::string RenderedDom(const std::string& html, const TempDir& dir,
                        const std::string& fragment = "") {
  return RunBrowser("file://" + html + fragment, dir, {"--dump-dom"}).dom;
}

// How many times `needle` occurs in `text` from `from` to `to`.
size_t Count(const std::string& text, const std::string& needle, size_t from = 0,
             size_t to = std::string::npos) {
  size_t n = 0;
  for (size_t at = text.find(needle, from); at != std::string::npos && at < to;
       at = text.find(needle, at + 1))
    ++n;
  return n;
}

// The <tbody> of the findings table, as the page or the DOM has it.
std::string FindingsBody(const std::string& page) {
  size_t table = page.find("<table id=\"findings\"");
  REQUIRE(table != std::string::npos);
  size_t body = page.find("<tbody>", table);
  size_t end = page.find("</tbody>", body);
  REQUIRE(end != std::string::npos);
  return page.substr(body, end - body);
}

// The severity cell of every row of a findings body, in order.
std::vector<std::string> Severities(const std::string& body) {
  std::vector<std::string> out;
  std::regex cell(R"re(<tr><td class="(\w+)">)re");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), cell); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

// The sample database's audit of 2026-11-29 as HTML in `dir` (with --csv beside it).
std::string SampleReport(const TempDir& dir, const std::string& db) {
  std::string html = dir.path() + "/report.html";
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--compare-date", "2023-11-16", "--format", "html",
                             "--output", html, "--csv", dir.path() + "/report.csv", "--no-record"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  return html;
}

}  // namespace

TEST_CASE("HtmlAuditReportIsSelfContainedAndRendersInChromium", "[auditor][html][browser]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string html = SampleReport(dir, db);
  std::string page = ReadFile(html);
  // Self-contained: no external scripts, styles, images or fonts.
  CHECK_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=\s*"(https?:)?//)")));
  CHECK(page.find("<table id=\"findings\" class=\"sortable\">") != std::string::npos);
  // The --compare-date changes, grouped by cause as in the text: a heading per cause, a table each.
  CHECK(page.find("<h2>Status changes from ") != std::string::npos);
  CHECK(page.find("<table class=\"changes sortable\">") != std::string::npos);
  CHECK(page.find("<svg id=\"class-chart\"") != std::string::npos);
  CHECK(page.find("@media print") != std::string::npos);
  // The sample's findings (tests/golden/audit/sample.json): 30 before issue 13, the shipment to a
  // foreign subsidiary of a Chinese group (SO-25-0412, through the customer master), the two
  // lines of SO-26-0506 (2026-11-12), whose owners the sample database does not give while the
  // affiliates rule is in force (review), and three license findings (issue 14: D1234567 past
  // its quantity, D3456789 used after it expired, D0456789's EAR99 matched to no class).
  // All 36 fit the first page, so the page lists them all before any script runs.
  CHECK(Count(FindingsBody(page), "<tr><td") == 36);
  // Who ran it, on which database (the digest of its file), with which chipgate and rules.
  CHECK(page.find("<th>database</th><td>" + db + "<br><code>sha256:") != std::string::npos);
  CHECK(std::regex_search(page, std::regex("<th>run by</th><td>[^<]+ on [^<]+</td>")));
  CHECK(page.find("<th>rule pack</th><td>us-ear<br><code>sha256:") != std::string::npos);
  CHECK(page.find("<th>chipgate</th><td>") != std::string::npos);
  CHECK(std::regex_search(
      page, std::regex("<th>ran</th><td>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ UTC")));
  CHECK(page.find("<a href=\"report.csv\">report.csv</a>") != std::string::npos);
  // The licenses section: one row per sample license, a bar per limit, D1234567 past its limit.
  size_t lic = page.find("<table id=\"licenses\" class=\"sortable\">");
  REQUIRE(lic != std::string::npos);
  size_t lic_end = page.find("</table>", lic);
  std::string licenses = page.substr(lic, lic_end - lic);
  CHECK(Count(licenses, "<tr><td>") == 7);
  CHECK(Count(licenses, "class=\"license-bar\"") == 14);  // every sample license limits both
  CHECK(licenses.find("<tr><td>D1234567</td><td>3A090.a</td><td>CN</td><td>2023-10-01 to "
                      "2024-09-30</td><td class=\"use\"><svg class=\"license-bar\" width=\"120\" "
                      "height=\"12\"><title>40 of 32</title>") != std::string::npos);
  CHECK(licenses.find("fill=\"#b00020\"") != std::string::npos);  // the bar past its limit
  CHECK(licenses.find("license_quantity_exceeded</span> shipment SO-24-0322 line 1") !=
        std::string::npos);

  std::string dom = RenderedDom(html, dir);
  CHECK(dom.find("data-ready=\"1\"") != std::string::npos);  // the script ran
  CHECK(dom.find("data-matching=\"36\"") != std::string::npos);
  CHECK(dom.find("<span id=\"finding-count\">36</span>") != std::string::npos);
  CHECK(Count(FindingsBody(dom), "<tr><td") == 36);
  CHECK(dom.find("<form id=\"filters\">") != std::string::npos);  // shown once the script runs
  CHECK(dom.find("class=\"bar\"") != std::string::npos);
}

// Issue 16: without JavaScript the page is correct: the heading counts every finding (it said
// `Findings (0)` until a script filled it in), and the rows are most severe first, each with
// its reasons (a misclassified part's among them).
TEST_CASE("HtmlIsCorrectWithoutJavaScript", "[auditor][html]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "html", "--no-record"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("<h2 id=\"findings-heading\">Findings (<span id=\"finding-count\">36</span>)") !=
        std::string::npos);
  std::vector<std::string> sev = Severities(FindingsBody(r.out));
  REQUIRE(sev.size() == 36);
  CHECK(std::is_sorted(sev.begin(), sev.end(), [](const std::string& a, const std::string& b) {
    auto rank = [](const std::string& s) { return s == "high" ? 0 : s == "medium" ? 1 : 2; };
    return rank(a) < rank(b);
  }));
  CHECK(sev.front() == "high");
  CHECK(sev.back() == "low");
  // Every row of a misclassified part gives its reasons.
  std::string body = FindingsBody(r.out);
  size_t rows = 0;
  for (size_t at = body.find("<td>misclassified</td>"); at != std::string::npos;
       at = body.find("<td>misclassified</td>", at + 1)) {
    ++rows;
    size_t end = body.find("</tr>", at);
    CHECK(body.substr(at, end - at).find("<div>declared-class (review): the declared ECCN") !=
          std::string::npos);
  }
  CHECK(rows > 0);
  // The summaries count every finding by kind and severity, and by destination.
  CHECK(r.out.find("<table id=\"summary\" class=\"sortable\"><caption>Findings by kind") !=
        std::string::npos);
  CHECK(r.out.find("<table id=\"by-destination\"") != std::string::npos);
  // Filters are hidden without the script that makes them work.
  CHECK(r.out.find("<form id=\"filters\" hidden>") != std::string::npos);
}

// The filters read the address's fragment, so a filtered view can be bookmarked or sent: only the
// matching findings remain once the script ran.
TEST_CASE("HtmlFiltersFromTheAddress", "[auditor][html][browser]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string html = SampleReport(dir, db);
  // What should match, from the CSV of the same audit (written beside the page).
  std::string csv = ReadFile(dir.path() + "/report.csv");
  size_t medium = Count(csv, "\r\nmedium,");
  // severity,kind,part,shipment,line,destination: the sample's part numbers have no comma.
  std::regex cn_row("\r\n\\w+,unlicensed_shipment,[^,]*,[^,]*,\\d+,CN,");
  size_t cn_unlicensed = static_cast<size_t>(
      std::distance(std::sregex_iterator(csv.begin(), csv.end(), cn_row), std::sregex_iterator()));
  REQUIRE(medium > 0);
  REQUIRE(cn_unlicensed > 0);

  std::string dom = RenderedDom(html, dir, "#severity=medium");
  std::vector<std::string> sev = Severities(FindingsBody(dom));
  CHECK(sev.size() == medium);
  CHECK(std::all_of(sev.begin(), sev.end(), [](const std::string& s) { return s == "medium"; }));
  CHECK(dom.find("data-matching=\"" + std::to_string(medium) + "\"") != std::string::npos);
  CHECK(dom.find("<span id=\"finding-count\">" + std::to_string(medium) + " of 36</span>") !=
        std::string::npos);

  // Two filters together: a kind and a destination.
  dom = RenderedDom(html, dir, "#kind=unlicensed_shipment&destination=CN");
  std::string body = FindingsBody(dom);
  size_t rows = Count(body, "<tr>");
  CHECK(rows == cn_unlicensed);
  CHECK(Count(body, "<td>unlicensed_shipment</td>") == rows);
  CHECK(Count(body, "<td>CN</td>") == rows);
  // A search that matches nothing leaves no row.
  dom = RenderedDom(html, dir, "#q=no-such-thing-anywhere");
  CHECK(Count(FindingsBody(dom), "<tr>") == 0);
  CHECK(dom.find("No finding matches the filters.") != std::string::npos);
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

namespace chipgate::testing {
namespace {

// A report of `n` findings built directly (no database): severities and kinds in turn, every
// fifth a shipment finding with a destination, and a part number that tries to end the script.
InventoryAuditReport ConstructedReport(int n) {
  InventoryAuditReport r;
  r.date = *ParseDate("2026-11-29");
  r.pack = "us-ear";
  r.digest = "sha256:" + std::string(64, '0');
  static const char* kSeverity[] = {"low", "medium", "high"};
  for (int i = 0; i < n; ++i) {
    AuditFinding f;
    f.kind = i % 2 ? "misclassified" : "unclassifiable";
    f.severity = kSeverity[i % 3];
    f.part = "P" + std::to_string(i) + (i == 7 ? "</script><b>x</b>" : "");
    if (i % 5 == 0) {
      f.kind = "unlicensed_shipment";
      f.shipment = "S" + std::to_string(i);
      f.line = 1;
      f.destination = "CN";
    }
    f.summary = "finding " + std::to_string(i);
    f.reasons.push_back({"declared-class", "review", "15 CFR 732.3(b)", "why " + f.part});
    r.findings.push_back(std::move(f));
  }
  return r;
}

}  // namespace

// The page holds a bounded number of findings whatever the report's size: the first page of rows
// in the markup, at most kHtmlEmbeddedFindings as data for the script, and it says where the
// rest are.
TEST_CASE("HtmlBoundsTheFindingsItHolds", "[auditor][html]") {
  REQUIRE(cli::kHtmlEmbeddedFindings == 5000);  // the counts below are written out with commas
  const int n = 6000;
  InventoryAuditReport r = ConstructedReport(n);
  cli::AuditRunInfo info;
  info.csv_link = "all%20findings.csv";
  std::string page = cli::AuditHtml(r, info);
  CHECK(page.find("Findings (<span id=\"finding-count\">6,000</span>)") != std::string::npos);
  std::vector<std::string> sev = Severities(FindingsBody(page));
  CHECK(sev.size() == cli::kHtmlPageRows);
  CHECK(std::all_of(sev.begin(), sev.end(), [](const std::string& s) { return s == "high"; }));
  size_t data = page.find("<script type=\"application/json\" id=\"finding-data\">");
  REQUIRE(data != std::string::npos);
  size_t data_end = page.find("</script>", data);
  std::string json = page.substr(data, data_end - data);
  CHECK(Count(json, "\n") + 1 == cli::kHtmlEmbeddedFindings);  // one finding a line
  CHECK(page.find("This page holds the 5,000 most severe of the 6,000 findings") !=
        std::string::npos);
  CHECK(page.find("The full list is in <a href=\"all%20findings.csv\">") != std::string::npos);
  // Data from the database cannot end the script element or add markup.
  CHECK(page.find("</script><b>") == std::string::npos);
  CHECK(json.find("P7\\u003c/script\\u003e\\u003cb\\u003ex") != std::string::npos);
  // The summaries count all findings, not only those in the page.
  CHECK(page.find("<td>CN</td>") != std::string::npos);
  CHECK(page.find("<tr><td>CN</td>") != std::string::npos);
  CHECK(page.find(">1,200</a></td></tr>") != std::string::npos);  // every fifth finding: to CN
}

// Issue 16's bound: a report of 200,000 findings renders in headless Chromium within 10 s (it did
// not render within two minutes when every finding was a row of a 62 MB page). The findings come
// from the real audit of a generated database: 199,000 parts (three in four declared EAR99 but
// meeting 3A090.a, or missing data; one in four over-declared) and 1,000 unlicensed shipments.
// The bound is issue 16's acceptance criterion for the page, measured around the browser run.
TEST_CASE("HtmlReportOf200000FindingsRendersWithin10Seconds", "[auditor][html][browser]") {
  TempDir dir;
  std::string db = dir.path() + "/big.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::string parts = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
  char line[96];
  for (int i = 0; i < 199000; ++i) {
    static const char* kRows[] = {"EAR99,ic,15832,814,true", "EAR99,ic,15832,814,true",
                                  "3A090.a,ic,1000,500,true", "EAR99,ic,3152,,true"};
    std::snprintf(line, sizeof line, "P%06d,%s\n", i, kRows[i % 4]);
    parts += line;
  }
  std::string shipments =
      "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
      "end_user_headquarters,part_number,quantity,license\n";
  static const char* kCountries[] = {"CN", "RU", "IR", "VN", "SA"};
  for (int i = 0; i < 1000; ++i) {
    const char* c = kCountries[i % 5];
    std::snprintf(line, sizeof line, "S%04d,2024-06-01,Co %d,%s,Co %d,%s,%s,P000000,1,\n", i, i, c,
                  i, c, c);
    shipments += line;
  }
  RunResult imp = RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", parts),
                               "--shipments", dir.Write("s.csv", shipments)});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  std::string html = dir.path() + "/big.html", csv = dir.path() + "/big.csv";
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "html", "--output", html, "--csv", csv,
                             "--no-record"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  std::string page = ReadFile(html);
  std::smatch total;
  REQUIRE(std::regex_search(page, total, std::regex("data-findings=\"(\\d+)\"")));
  CHECK(std::stoi(total[1]) >= 200000);
  CHECK(Count(ReadFile(csv), "\r\n") == static_cast<size_t>(std::stoi(total[1])) + 1);
  CHECK(page.size() < 8u * 1024 * 1024);
  BrowserRun run = RunBrowser("file://" + html, dir, {"--dump-dom"});
  INFO("rendered in " << run.seconds << " s, page " << page.size() << " bytes");
  std::printf("200,000-finding report: %zu bytes, rendered in %.2f s\n", page.size(), run.seconds);
  CHECK(run.dom.find("data-ready=\"1\"") != std::string::npos);
  CHECK(Count(FindingsBody(run.dom), "<tr>") == cli::kHtmlPageRows);
  CHECK(run.dom.find("<a href=\"big.csv\">big.csv</a>") != std::string::npos);
  CHECK(run.seconds < 10.0);
}

// The page at a desktop width (1366) and a print-like width (800), as PNG screenshots. The test
// checks that each is a PNG of some size; a person looks at them (CHIPGATE_KEEP_SCREENSHOTS=DIR
// keeps copies in DIR).
TEST_CASE("HtmlScreenshotsAtDesktopAndPrintWidths", "[auditor][html][browser]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string html = SampleReport(dir, db);
  for (const auto& [name, size] :
       {std::pair<std::string, std::string>{"desktop", "1366,1400"}, {"print", "800,1400"}}) {
    std::string png = dir.path() + "/" + name + ".png";
    RunBrowser("file://" + html, dir, {"--window-size=" + size, "--screenshot=" + png});
    std::string bytes = ReadFile(png);
    INFO(name);
    REQUIRE(bytes.size() > 30000);
    CHECK(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    if (const char* keep = std::getenv("CHIPGATE_KEEP_SCREENSHOTS"); keep && *keep)
      std::filesystem::copy_file(png, std::string(keep) + "/" + name + ".png",
                                 std::filesystem::copy_options::overwrite_existing);
  }
}

}  // namespace chipgate::testing
