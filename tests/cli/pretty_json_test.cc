// PrettyJson must write exactly what nlohmann::json::dump(2) writes (the reports' contract was
// first produced with it, and golden files pin it), and must stay valid JSON on bytes that are
// not UTF-8, where dump() throws.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

using nlohmann::ordered_json;

std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Z",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "\n",
                                                  "\t",
                                                  "\r",
                                                  "\b",
                                                  "\f",
                                                  "\x01",
                                                  "\x1f",
                                                  "\x7f",
                                                  "é",
                                                  "中",
                                                  "😀",
                                                  "/",
                                                  "3A090.a",
                                                  "15 CFR 744.23(a)"};
  std::string s;
  int n = static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

// Builds the same random value twice: as a json (the reference) and through PrettyJson.
ordered_json Build(std::mt19937& rng, PrettyJson& w, int depth) {
  int kind = depth > 3 ? static_cast<int>(rng() % 5) : static_cast<int>(rng() % 7);
  switch (kind) {
    case 3: {
      double v =
          std::ldexp(static_cast<double>(rng()) - 2147483648.0, static_cast<int>(rng() % 120) - 60);
      w.Double(v);
      return v;
    }
    case 4: {
      bool v = rng() % 2;
      w.Bool(v);
      return v;
    }
    case 0: {
      std::string s = RandomText(rng);
      w.String(s);
      return s;
    }
    case 1: {
      int64_t v = static_cast<int64_t>(rng() % 2000000) - 1000000;
      w.Int(v);
      return v;
    }
    case 2:
      w.Null();
      return nullptr;
    case 5: {
      ordered_json a = ordered_json::array();
      w.BeginArray();
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i)
        a.push_back(Build(rng, w, depth + 1));
      w.EndArray();
      return a;
    }
    default: {
      ordered_json o = ordered_json::object();
      w.BeginObject();
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) {
        std::string key = "k" + std::to_string(i) + RandomText(rng);
        w.Key(key);
        o[key] = Build(rng, w, depth + 1);
      }
      w.EndObject();
      return o;
    }
  }
}

// dump(2) of a value placed at `depth` inside a document: every line after the first indented.
std::string Reference(const ordered_json& v, int depth) {
  std::string text = v.dump(2), out;
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(2 * depth, ' ');
  }
  return out;
}

}  // namespace

TEST_CASE("PrettyJsonWritesWhatDumpWrites", "[cli][json]") {
  std::mt19937 rng(20261129);
  for (int round = 0; round < 2000; ++round) {
    int depth = static_cast<int>(rng() % 3);
    std::string out;
    PrettyJson w(out, depth);
    ordered_json reference = Build(rng, w, 0);
    INFO("round " << round);
    REQUIRE(out == Reference(reference, depth));
  }
}

TEST_CASE("PrettyJsonEmptyContainersAndNesting", "[cli][json]") {
  std::string out;
  PrettyJson(out, 1)
      .BeginObject()
      .Key("a")
      .BeginArray()
      .EndArray()
      .Key("b")
      .BeginObject()
      .EndObject()
      .Key("c")
      .Int(1)
      .EndObject();
  CHECK(out == "{\n    \"a\": [],\n    \"b\": {},\n    \"c\": 1\n  }");
}

TEST_CASE("InvalidUtf8BecomesReplacementCharacters", "[cli][json]") {
  std::string out;
  AppendJsonText(out,
                 std::string("P\xff\xfe-1 \xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 ok \xC3\xA9"));
  // Each invalid byte is one U+FFFD; valid UTF-8 (é) passes through; the result parses.
  CHECK(
      out ==
      "\"P\xEF\xBF\xBD\xEF\xBF\xBD-1 \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ok \xC3\xA9\"");
  auto parsed = nlohmann::json::parse(out, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed.get<std::string>().rfind("P\xEF\xBF\xBD", 0) == 0);
  std::string truncated;
  AppendJsonText(truncated, std::string("x\xE4\xB8"));  // a 3-byte sequence cut short
  CHECK(truncated == "\"x\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

}  // namespace chipgate::cli

namespace chipgate::cli {

// Doubles as dump() prints them: bit patterns drawn from the whole range, coverage percentages
// as `chipgate test` computes them, and the layout boundaries (15 integer digits, 1e-4, -0).
TEST_CASE("DoublesAreWrittenAsDumpWritesThem", "[cli][json]") {
  auto same = [](double v) {
    std::string out;
    AppendJsonDouble(out, v);
    INFO("value " << nlohmann::json(v).dump());
    CHECK(out == nlohmann::json(v).dump());
  };
  for (double v : {0.0,
                   -0.0,
                   1.0,
                   -1.0,
                   100.0,
                   0.1,
                   1e-4,
                   1.5e-5,
                   0.001,
                   123456789012345.0,
                   1234567890123456.0,
                   1e15,
                   1e16,
                   1e21,
                   1e-300,
                   5e-324,
                   1.7976931348623157e308,
                   66.66666666666667,
                   2.5,
                   -1234.5})
    same(v);
  for (int total = 1; total <= 300; ++total) {
    for (int covered = 0; covered <= total; ++covered) same(100.0 * covered / total);
  }
  std::mt19937_64 rng(20261206);
  for (int i = 0; i < 200000; ++i) {
    uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    std::string out;
    AppendJsonDouble(out, v);
    if (out != nlohmann::json(v).dump()) {
      INFO("bits " << bits);
      REQUIRE(out == nlohmann::json(v).dump());
    }
  }
  std::string special;
  AppendJsonDouble(special, std::numeric_limits<double>::quiet_NaN());
  AppendJsonDouble(special, -std::numeric_limits<double>::infinity());
  CHECK(special == "nullnull");
}

// A report written in two parts (check's decisions, then its record) is one document.
TEST_CASE("ContinueObjectCompletesADocumentAnotherWriterOpened", "[cli][json]") {
  std::string head, tail;
  PrettyJson(head, 0).BeginObject().Key("a").Int(1).Key("b").BeginArray().String("x").EndArray();
  PrettyJson t = PrettyJson::ContinueObject(tail);
  t.Key("c").Bool(true).Key("d").BeginObject().Key("e").Double(0.5).EndObject().EndObject();
  ordered_json reference = {{"a", 1}, {"b", {"x"}}, {"c", true}, {"d", {{"e", 0.5}}}};
  CHECK(head + tail == reference.dump(2));
}

}  // namespace chipgate::cli
