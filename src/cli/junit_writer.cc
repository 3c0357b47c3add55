// JUnit XML (junit_writer.h), written with XmlWriter so every name and message is escaped.
#include "cli/junit_writer.h"

#include "cli/xml_writer.h"

namespace chipgate::cli {
namespace {

int64_t Failures(const JunitSuite& s) {
  int64_t n = 0;
  for (const auto& c : s.cases) n += c.failure ? 1 : 0;
  return n;
}

// <testcase>, then inside it the failure (if any) before system-out, the order junit readers
// expect; an empty failure text leaves the element without content.
void CaseXml(XmlWriter& x, const JunitCase& c) {
  x.Open("testcase").Attr("name", c.name).Attr("classname", c.classname);
  if (c.failure) {
    x.Open("failure").Attr("type", c.failure->type).Attr("message", c.failure->message);
    if (!c.failure->text.empty()) x.Text(c.failure->text);
    x.Close();
  }
  if (!c.system_out.empty()) x.Open("system-out").Text(c.system_out).Close();
  x.Close();
}

}  // namespace

std::string JunitXml(const std::string& name, const std::vector<JunitSuite>& suites) {
  int64_t tests = 0, failures = 0;
  for (const auto& s : suites) {
    tests += static_cast<int64_t>(s.cases.size());
    failures += Failures(s);
  }
  std::string out;
  XmlWriter x(out);
  x.Open("testsuites").Attr("name", name).Attr("tests", tests).Attr("failures", failures);
  x.Attr("errors", int64_t{0});
  for (const auto& s : suites) {
    x.Open("testsuite").Attr("name", s.name).Attr("tests", static_cast<int64_t>(s.cases.size()));
    x.Attr("failures", Failures(s)).Attr("errors", int64_t{0}).Attr("skipped", int64_t{0});
    // <properties> must come before the cases.
    if (!s.properties.empty()) {
      x.Open("properties");
      for (const auto& [k, v] : s.properties)
        x.Open("property").Attr("name", k).Attr("value", v).Close();
      x.Close();
    }
    for (const auto& c : s.cases) CaseXml(x, c);
    x.Close();
  }
  x.Close();
  return out;
}

}  // namespace chipgate::cli
