// The help texts (help_text.h): a sentence per command and per option, and the renderings of the
// command table as --help, the general help and the man page.
#include "cli/help_text.h"

#include <algorithm>

namespace chipgate::cli {
namespace {

// A command's sentence: the first thing its --help says after the usage, and its description
// in the man page and the zsh and fish completions. A command without one (added to the table
// but not here) still gets help, without a sentence; tests/cli/help_test.cc notices.
struct Summary {
  std::string_view command, text;
};

// One sentence per command, in the words of docs/cli.md.
constexpr Summary kSummaries[] = {
    {"check",
     "Decide every line of a shipment manifest (a file, or - for standard input), record the "
     "decisions in the audit log, and print the report."},
    {"explain",
     "Explain the decision for one line of a manifest: the decision, the reasons that decided it "
     "with the facts they used and where each came from, and what would change the answer; the "
     "full trace with --trace. Records nothing."},
    {"ship",
     "Decide a manifest as check --db does and, only when every line may ship, record the "
     "shipment, draw on the licenses it ships under and append the audit records, all in one "
     "transaction."},
    {"screen",
     "Screen names against the pack's parties and the screening lists imported into the "
     "database, as a shipment's end user is screened, and print each name's hits and outcome. "
     "Records nothing."},
    {"serve",
     "Serve check and ship over HTTP (JSON, under /v1) with the same decisions, audit log and "
     "database as the command line; SIGHUP reloads the packs, SIGTERM drains and stops."},
    {"audit",
     "Decide every part and recorded shipment of the inventory database with the rule pack, "
     "record the run and its findings, and print the report."},
    {"lint",
     "Load and validate a rule pack directory without compiling it; print every diagnostic."},
    {"test",
     "Run the rule tests of a pack (DIR/tests), of one test file or of a directory of them; "
     "or, with --against-db, list the decisions an edit of the pack changes in a database."},
    {"fmt",
     "Rewrite rule files (a file, every .yaml file under a directory, or - for standard input) "
     "in the canonical layout, comments kept; --check only prints what would change."},
    {"db",
     "Create a chipgate database, import CSV files into it (all or nothing), or migrate it to "
     "another backend."},
    {"lists",
     "Import a published screening list into the database, show the versions stored, or remove "
     "one."},
    {"license", "Show the licenses stored in the database, with their use as of a date."},
    {"parts",
     "List the parts of the database with the class the pack computes and their declared ECCN, "
     "or show one part: its attributes, bill of materials, the parts containing it and its "
     "shipments."},
    {"rules",
     "List the classes, license rules, exceptions and country groups of a rule pack with their "
     "dates and citations, or show one as written, with its revisions and the rule tests naming "
     "it."},
    {"log",
     "Verify the audit log's hash chain (against checkpoints too), append a checkpoint, or "
     "export the records."},
    {"version", "Print the version, the git commit built from and the build type."},
    {"completion", "Print a completion script for bash, zsh or fish."},
    {"help", "Print the help of a command, or of all commands; --man prints the man page."},
};

// Option descriptions. An entry with an empty command applies to every command that accepts
// the option; a command's own entry takes precedence. `value` is the placeholder used when the
// usage line does not show one.
struct OptionEntry {
  std::string_view command, option, value, text;
};

constexpr OptionEntry kOptions[] = {
    {"", "rules", "DIR",
     "a rule pack directory; repeatable, a stack of packs base first (default: the bundled pack "
     "us-ear)"},
    {"lint", "rules", "BASE",
     "a pack DIR is stacked on (repeatable, base first), as check --rules BASE --rules DIR loads "
     "it"},
    {"test", "rules", "BASE",
     "a pack DIR is stacked on (repeatable, base first); coverage is over DIR's entries only"},
    {"", "date", "YYYY-MM-DD", "the date whose rules apply (default today, UTC)"},
    {"check", "date", "YYYY-MM-DD",
     "the date whose rules apply; overrides the manifest's shipment.date"},
    {"explain", "date", "YYYY-MM-DD",
     "the date whose rules apply; overrides the manifest's shipment.date"},
    {"license", "date", "YYYY-MM-DD",
     "the date that decides each license's status and the uses counted (default today)"},
    {"", "format", "FORMAT", "the output format (default text)"},
    {"parts", "date", "YYYY-MM-DD", "the date the parts are classified on (default today, UTC)"},
    {"parts", "db", "DB", "the inventory database to look the parts up in"},
    {"", "class", "CLASS",
     "only parts whose computed classes include CLASS (an id, a paragraph, uncontrolled or "
     "unclassifiable)"},
    {"", "declared", "ECCN",
     "only parts declared ECCN (any spelling: `ECCN 3a090a` is 3A090.a), or none for no "
     "declaration"},
    {"", "mismatch", "", "only parts whose declared ECCN and computed class disagree"},
    {"", "match", "TEXT", "only parts whose number or description contains TEXT (any case)"},
    {"check", "line", "N", "refused: check decides every line; use explain MANIFEST --line N"},
    {"explain", "line", "N", "the line to explain (1, 2, ...)"},
    {"", "db", "DB", "the chipgate database (it must exist: chipgate db init)"},
    {"db", "from", "DB", "the database to migrate (its audit log must verify)"},
    {"db", "to", "DB",
     "the empty database to migrate into (a SQLite file, created if missing, or a "
     "postgresql:// URI)"},
    {"check", "db", "DB",
     "the inventory database: completes parts, parties and licenses, and its screening lists "
     "are screened"},
    {"ship", "db", "DB",
     "the database the shipment is recorded in: completes parts, parties and licenses, and "
     "holds the license uses and the audit log"},
    {"ship", "date", "YYYY-MM-DD",
     "the ship date: its rules apply and it is recorded; overrides the manifest's "
     "shipment.date"},
    {"serve", "db", "DB",
     "the database every decision reads (parts, parties, licenses, lists) and records in"},
    {"screen", "db", "DB", "the database whose imported screening lists are screened against"},
    {"screen", "date", "YYYY-MM-DD",
     "the date screened on: the pack's parties and the list versions in force on it (default "
     "today, UTC)"},
    {"", "country", "CC", "the country of every name screened (ISO 3166-1 alpha-2; reported)"},
    {"", "listen", "HOST:PORT",
     "where to listen (default 127.0.0.1:8181; port 0 picks a free one); a host other than "
     "loopback needs --token-file"},
    {"", "token-file", "FILE", "the bearer tokens accepted, as lines NAME SCOPES SHA256-HEX"},
    {"", "tls-cert", "FILE", "serve HTTPS with this certificate (PEM; with --tls-key)"},
    {"", "tls-key", "FILE", "the private key of --tls-cert (PEM)"},
    {"audit", "threads", "N",
     "threads classifying the parts, 1 to 256 (default: the machine's cores); the report and "
     "the recorded run are the same whatever the number"},
    {"", "threads", "N", "requests served at once (default 8)"},
    {"", "port-file", "FILE", "write the port listened on to FILE once bound"},
    {"", "max-names", "N", "refuse a POST /v1/screen of more than N names (default 1,000; 413)"},
    {"explain", "db", "DB",
     "the inventory database: completes parts and parties, and its screening lists are "
     "screened"},
    {"", "audit", "DB",
     "the audit database the decisions are recorded in (default: --db, else "
     "./chipgate-audit.db)"},
    {"", "no-audit", "", "do not record the decisions (a dry run)"},
    {"audit", "audit", "DB",
     "the audit database the run's one log record goes to (created if missing; default: --db); "
     "the run and its findings stay in --db"},
    {"", "audited-db", "DB",
     "the database whose findings the log's audit-run records cover, when the log is kept "
     "elsewhere (audit --audit)"},
    {"", "actor", "NAME",
     "who runs the command, kept in each audit record (default $CHIPGATE_ACTOR, $USER)"},
    {"", "explain", "", "print every line's explanation instead of the report"},
    {"", "trace", "",
     "also print the full trace: every class, rule, exception and party considered, with the "
     "values used (check: with --explain)"},
    {"", "fail-on", "LEVEL",
     "the least severe held decision that makes the exit code 1: review (the default), "
     "license_required or prohibited"},
    {"", "max-manifest-bytes", "N", "refuse a manifest larger than N bytes (default 16 MiB)"},
    {"", "max-lines", "N", "refuse a manifest with more than N lines (default 1,000,000)"},
    {"", "max-depth", "N", "refuse components nested more than N levels (default 32)"},
    {"", "compare-date", "YYYY-MM-DD",
     "also decide every part on this date and list the decisions that differ between the "
     "earlier and the later of the two dates, grouped by the pack change that caused them"},
    {"audit", "date", "YYYY-MM-DD",
     "the audit date: parts are classified and shipments dated up to it re-checked (default "
     "today, UTC)"},
    {"", "destinations", "CC,CC...",
     "with --compare-date: the ISO country codes to compare for (default: the pack's "
     "audit: compare_destinations)"},
    {"", "output", "FILE", "write the report to FILE (replaced whole) instead of stdout"},
    {"", "no-record", "", "do not record the run and its findings in the database"},
    {"audit", "csv", "FILE",
     "also write every finding to FILE as CSV (replaced whole); the HTML report links to it"},
    {"fmt", "check", "",
     "change nothing: print a unified diff of each file not formatted and exit 1 if there is "
     "one"},
    {"", "coverage", "", "print the share of the pack's entries the tests exercise"},
    {"test", "run", "REGEX",
     "run only the cases whose name the regular expression (ECMAScript) matches"},
    {"test", "watch", "", "run again whenever a file of the pack or the tests changes"},
    {"test", "against-db", "DB",
     "replay the pack over the database's parts and past shipments and list every decision "
     "that changes"},
    {"test", "baseline", "DIR",
     "the pack as it was, for --against-db (default: the pack as committed at git HEAD)"},
    {"test", "date", "YYYY-MM-DD", "the date --against-db classifies parts on (default today)"},
    {"", "fail-under", "PCT", "exit 1 when coverage is below PCT percent (0 to 100)"},
    {"", "parts", "F", "CSV file of parts"},
    {"", "components", "F", "CSV file of bill-of-materials edges"},
    {"", "parties", "F", "CSV file of the customer master's parties"},
    {"", "ownership", "F", "CSV file of who owns which party"},
    {"", "shipments", "F", "CSV file of past shipments and their lines"},
    {"", "licenses", "F", "CSV file of the licenses held"},
    {"", "replace", "",
     "clear the tables of the files given before importing them (default: add new rows, update "
     "changed ones, keep the rest)"},
    {"", "map", "NAME=column",
     "read the file's column NAME as `column` (repeatable): --map 'Part No=part_number'"},
    {"", "no-progress", "",
     "draw no progress bar on stderr (none is drawn when stderr is not a terminal)"},
    {"", "digest", "DIGEST", "the stored list version to remove (sha256:HEX)"},
    {"", "expect-head", "SEQ:HASH", "require record SEQ of the log to have hash HASH"},
    {"", "checkpoints", "FILE",
     "the checkpoint file: every line is verified; log checkpoint appends to it"},
    {"", "public-key", "PUB.pem", "verify every checkpoint's signature with this Ed25519 key"},
    {"", "key", "KEY.pem", "sign the new checkpoint with this Ed25519 private key"},
    {"", "man", "", "print the man page chipgate(1) (roff) instead of the help"},
    {"", "log-level", "trace|debug|info|warn|error|off",
     "operational log level (default warn); on stderr, never on stdout"},
    {"", "log-format", "text|json",
     "operational log lines as text (default on stderr) or JSON lines (default in --log-file)"},
    {"", "log-file", "FILE", "append the operational log to FILE (JSON lines by default)"},
};

// The words completed after a command; nothing else reads them (the handlers check their own
// subcommands, and the usage line shows them).
struct SubcommandEntry {
  std::string_view command;
  std::vector<std::string_view> words;
};

// The first positional word of commands that have forms; the completions offer them.
const std::vector<SubcommandEntry>& SubcommandTable() {
  static const std::vector<SubcommandEntry> table = {
      {"db", {"init", "import", "migrate"}},
      {"lists", {"import", "status", "remove"}},
      {"license", {"list", "show"}},
      {"parts", {"list", "show"}},
      {"rules", {"list", "show"}},
      {"log", {"verify", "checkpoint", "export"}},
      {"completion", {"bash", "zsh", "fish"}},
  };
  return table;
}

// The word after `--name ` in the usage line (`--format text|json]` gives `text|json`), when the
// option appears there followed by a placeholder; empty otherwise.
std::string PlaceholderInUsage(std::string_view usage, std::string_view option) {
  std::string needle = "--" + std::string(option) + " ";
  for (size_t at = usage.find(needle); at != std::string_view::npos;
       at = usage.find(needle, at + 1)) {
    // `--key ` must not match inside `--public-key `.
    if (at > 0 && usage[at - 1] != ' ' && usage[at - 1] != '[') continue;
    size_t begin = at + needle.size(), end = begin;
    while (end < usage.size() && usage[end] != ' ' && usage[end] != ']') ++end;
    std::string word(usage.substr(begin, end - begin));
    // `[--flag] [--other ...`: the next word is another option or an opening bracket, not a value.
    if (word.empty() || word.starts_with("-") || word.starts_with("[") || word == "|") return "";
    return word;
  }
  return "";
}

// The usage line's forms, split at ` | ` outside brackets (`[--audit DB | --no-audit]` stays
// whole).
std::vector<std::string> UsageForms(std::string_view usage) {
  std::vector<std::string> forms;
  std::string current;
  int depth = 0;
  for (size_t i = 0; i < usage.size(); ++i) {
    char c = usage[i];
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (depth == 0 && usage.substr(i).starts_with(" | ")) {
      forms.push_back(current);
      current.clear();
      i += 2;
      continue;
    }
    current += c;
  }
  forms.push_back(current);
  return forms;
}

// `  --name VALUE` padded to a column, then the description, on one line (so a line per option
// can be searched for).
void AppendOption(std::string& out, const CommandInfo& c, const std::string& option) {
  OptionDoc doc = DescribeOption(c, option);
  std::string head = "  --" + option + (doc.value.empty() ? "" : " " + doc.value);
  out += head;
  out += head.size() < 32 ? std::string(32 - head.size(), ' ') : std::string(2, ' ');
  out += std::string(doc.text) + "\n";
}

// roff text: backslashes and minus signs escaped, and a line may not start with a control
// character (`.` or `'`).
std::string Roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

}  // namespace

const ArgSpec& CommonOptions() {
  static const ArgSpec spec{{"log-level", "log-format", "log-file"}, {}};
  return spec;
}

std::string_view CommandSummary(std::string_view command) {
  for (const auto& s : kSummaries) {
    if (s.command == command) return s.text;
  }
  return "";
}

std::vector<std::string_view> Subcommands(std::string_view command) {
  for (const auto& e : SubcommandTable()) {
    if (e.command == command) return e.words;
  }
  return {};
}

// A flag has no placeholder. A value option's placeholder is the usage line's (single source),
// else the table's, else `VALUE`, so every value option shows one.
OptionDoc DescribeOption(const CommandInfo& c, std::string_view option) {
  const OptionEntry* own = nullptr;
  const OptionEntry* any = nullptr;
  for (const auto& e : kOptions) {
    if (e.option != option) continue;
    if (e.command == c.name) own = &e;
    if (e.command.empty()) any = &e;
  }
  const OptionEntry* e = own ? own : any;
  OptionDoc doc;
  if (e) doc.text = e->text;
  bool is_flag = c.spec->flags.count(std::string(option)) > 0;
  if (is_flag) return doc;
  doc.value = PlaceholderInUsage(c.usage, option);
  if (doc.value.empty()) doc.value = e && !e->value.empty() ? std::string(e->value) : "VALUE";
  return doc;
}

std::vector<std::string> OptionsOf(const CommandInfo& c) {
  std::vector<std::string> own(c.spec->values.begin(), c.spec->values.end());
  own.insert(own.end(), c.spec->flags.begin(), c.spec->flags.end());
  std::sort(own.begin(), own.end());
  std::vector<std::string> common(CommonOptions().values.begin(), CommonOptions().values.end());
  own.insert(own.end(), common.begin(), common.end());
  return own;
}

std::string UsageText(const CommandInfo& c) {
  std::string out;
  std::vector<std::string> forms = UsageForms(c.usage);
  for (size_t i = 0; i < forms.size(); ++i)
    out += (i == 0 ? "usage: chipgate " : "       chipgate ") + forms[i] + "\n";
  return out;
}

std::string CommandHelp(const CommandInfo& c) {
  std::string out = UsageText(c);
  if (std::string_view summary = CommandSummary(c.name); !summary.empty())
    out += "\n" + std::string(summary) + "\n";
  std::vector<std::string> own(c.spec->values.begin(), c.spec->values.end());
  own.insert(own.end(), c.spec->flags.begin(), c.spec->flags.end());
  std::sort(own.begin(), own.end());
  if (!own.empty()) out += "\noptions:\n";
  for (const auto& o : own) AppendOption(out, c, o);
  out += "\ncommon options:\n";
  for (const auto& o : CommonOptions().values) AppendOption(out, c, o);
  out += "\nexit codes and details: docs/cli.md, or man chipgate\n";
  return out;
}

// The same usage forms as each command's help, one line each, in table order.
std::string GeneralHelp(const std::vector<CommandInfo>& commands) {
  std::string out = "usage: chipgate COMMAND [ARGS]\n\ncommands:\n";
  for (const auto& c : commands) {
    for (const auto& form : UsageForms(c.usage)) out += "  chipgate " + form + "\n";
  }
  out +=
      "\ncommon options: --log-level trace|debug|info|warn|error|off, --log-format text|json,\n"
      "  --log-file FILE\n"
      "\n`chipgate COMMAND --help` or `chipgate help COMMAND` describes a command's options;\n"
      "see docs/cli.md (or man chipgate) for details\n";
  return out;
}

// man(7) macros only (.TH, .SH, .SS, .TP, .B, .PP, .br), which groff and mandoc both read. Each
// command is a subsection with its usage forms in bold, its sentence, and one tagged paragraph
// per option; the common options, standard input and exit status follow as sections of their
// own. The date field of .TH is left empty so the page is the same on every build.
std::string ManPage(const std::vector<CommandInfo>& commands, std::string_view version) {
  std::string out = ".TH CHIPGATE 1 \"\" \"chipgate " + Roff(version) +
                    "\" \"User Commands\"\n"
                    ".SH NAME\nchipgate \\- export\\-control rule engine for shipment manifests\n"
                    ".SH SYNOPSIS\n.B chipgate\n.I COMMAND\n[\\fIARGS\\fR]\n"
                    ".SH DESCRIPTION\n"
                    "chipgate decides shipment lines against a rule pack of export\\-control "
                    "rules, records every decision in a tamper\\-evident audit log, and audits an "
                    "inventory database.\n"
                    ".SH COMMANDS\n";
  for (const auto& c : commands) {
    out += ".SS " + Roff(c.name) + "\n";
    for (const auto& form : UsageForms(c.usage)) out += ".B chipgate " + Roff(form) + "\n.br\n";
    if (std::string_view summary = CommandSummary(c.name); !summary.empty())
      out += ".PP\n" + Roff(summary) + "\n";
    std::vector<std::string> own(c.spec->values.begin(), c.spec->values.end());
    own.insert(own.end(), c.spec->flags.begin(), c.spec->flags.end());
    std::sort(own.begin(), own.end());
    for (const auto& o : own) {
      OptionDoc doc = DescribeOption(c, o);
      out += ".TP\n.B \\-\\-" + Roff(o) +
             (doc.value.empty() ? "" : " \\fI" + Roff(doc.value) + "\\fR") + "\n" + Roff(doc.text) +
             "\n";
    }
  }
  out += ".SH COMMON OPTIONS\n";
  CommandInfo any{
      "", "--log-level trace|debug|info|warn|error|off --log-format text|json --log-file FILE",
      &CommonOptions()};
  for (const auto& o : CommonOptions().values) {
    OptionDoc doc = DescribeOption(any, o);
    out +=
        ".TP\n.B \\-\\-" + Roff(o) + " \\fI" + Roff(doc.value) + "\\fR\n" + Roff(doc.text) + "\n";
  }
  out +=
      ".SH STANDARD INPUT\n"
      "A manifest given as \\fB\\-\\fR is read from standard input (check, explain), within the "
      "same size limit as a file; diagnostics name it <stdin>.\n"
      ".SH EXIT STATUS\n"
      ".TP\n.B 0\nsuccess: every line may ship, no finding, the log verifies\n"
      ".TP\n.B 1\nfindings: a line is held (at or above \\-\\-fail\\-on), a finding, a failed "
      "test, a log that does not verify\n"
      ".TP\n.B 2\nbad input or usage: an unreadable or invalid file, an unknown option, an "
      "internal error\n"
      ".PP\nThe table per command is in docs/cli.md, \"Exit codes\".\n"
      ".SH SEE ALSO\ndocs/cli.md, docs/rule\\-language.md, docs/audit\\-log.md in the chipgate "
      "sources\n";
  return out;
}

}  // namespace chipgate::cli
