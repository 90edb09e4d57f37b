import Foundation
import Testing

/// The binary's own help, exactly: what a user reads first.
@Suite("Help")
struct HelpTests {
    @Test("tieout --help, every subcommand with its abstract and the exit codes")
    func topLevel() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        OVERVIEW: Read ledger exports (CSV, XLSX) and turn them into checked, traceable
        numbers.

        Exit codes: 0 success; 1 the run finished but found problems (rejected rows, a
        mismatch, missing data or an unsupported statement, spending behind schedule);
        2 bad input or usage, a write that failed, or another tieout writing the
        workspace with --no-wait (nothing reliable was produced).

        USAGE: tieout <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          run                     The main job: ingest the ledgers, reconcile every
                                  stated figure, write the reports to WORKSPACE/out/.
          check                   The quarterly check: spending up to --as-of against
                                  the 25/50/75/100% schedule, the 预算执行率 points at
                                  stake, and what must still be spent.
          reconcile               Recompute every figure the report states
                                  (claims.yaml) and check the ledgers against each
                                  other; write out/report.md, report.html and
                                  findings.json.
          score                   Score the rubric (部门整体支出绩效评价表) from the dataset and
                                  assessments.yaml; write out/score.md, score.csv,
                                  score.json.
          explain                 List every record a figure stands on, with its file,
                                  sheet, row, cell and value; the values add up to the
                                  figure.
          verify                  Read every ledger in the dataset again and compare
                                  its records, value by value, with what the dataset
                                  holds.
          ingest                  Read the workspace's ledgers into its dataset: new
                                  files imported, unchanged ones skipped, re-issues
                                  replace what they supersede.
          export                  Write the dataset as one file per record kind in
                                  WORKSPACE/out/dataset/ (CSV with a header row, or
                                  JSON Lines; UTF-8).
          init                    Create a workspace: a folder with a commented
                                  tieout.yaml and folders for ledgers and profiles.
          suggest                 Print a starting profile for a ledger: its header,
                                  unit, columns matched to a kind's fields, enumeration
                                  words, subtotal and cumulative rows.
          kinds                   List the record kinds, or one kind's fields, types,
                                  key, the headers the built-in profiles read and every
                                  word its enumerations know.
          figures                 List every figure Tieout computes: its id, its title
                                  and how it is computed.
          validate                Check a workspace's settings (tieout.yaml, kinds,
                                  profiles, figures, rules, claims, rubric,
                                  assessments) without touching its dataset; list every
                                  mistake.
          cat                     Write every record of a file as UTF-8 RFC 4180 CSV,
                                  or as JSON Lines with --json.
          sheets                  List the tables in a file (a CSV has one) with row
                                  and column counts.
          totals                  Exact sums and counts of an amount column, grouped by
                                  columns (dates by period).
          claims                  Work with a report's claims (claims.yaml).
          enqueue                 Queue every workspace under a folder in a PostgreSQL
                                  work queue, for `tieout worker` to run.
          worker                  Run units from a PostgreSQL work queue (`tieout
                                  enqueue`), on as many machines as you like.
          status                  Show a PostgreSQL work queue: how many units are
                                  queued, running, done and failed, and each unit.
          report                  Write the fleet summary (summary.md, .html, .json,
                                  .xlsx) of the units a PostgreSQL work queue ran, as
                                  `run --all` writes it.

          See 'tieout help <subcommand>' for detailed help.

        """)
    }

    @Test("run --help names --all, --jobs, --force, --no-wait, --log-format, --quiet and --database")
    func run() throws {
        let r = try CLI.run(["run", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: tieout run <workspace> [--no-wait] [--log-format <log-format>] [--quiet] [--headers <headers>] [--lang <lang>] [--all] [--force] [--jobs <jobs>] [--database <path-or-url>]\n"))
        #expect(r.stdout.contains("""
              --log-format <log-format>
                                      Also write events to stderr, one line each — every
                                      file read, finding class, report written and failure:
                                      text (key=value) or json (one object per line), for
                                      cron mail and log collectors. (values: text, json)
              --quiet                 Print only problems, in the summary's words (findings
                                      that disagree or lack data, failed files, rejected
                                      rows, behind schedule); with --log-format, only
                                      warning and error events. A clean run prints nothing,
                                      so cron sends no mail.
            """))
        #expect(r.stdout.contains("""
              --no-wait               When another tieout is writing this workspace, exit
                                      at once (status 2) instead of waiting for it.
            """))
        #expect(r.stdout.contains("  tieout run --all /srv/ledgers/2024 --jobs 2\n"))
        #expect(r.stdout.contains("""
              --database <path-or-url>
                                      The dataset, instead of tieout.yaml's database: a
                                      SQLite file (a relative path is from the current
                                      folder) or postgresql://user@host:port/db (the
                                      password is never shown).
            """))
        #expect(r.stdout.contains("""
              --force                 Read every ledger again, even those unchanged since
                                      they were read with the same profile.
            """))
    }
}

extension HelpTests {
    @Test("--version: the version, the commit of the checkout a development build sits in, the built-in rubric")
    func version() throws {
        let head = try CLI.run(["-C", CLI.root.path, "rev-parse", "--short=7", "HEAD"], executable: "/usr/bin/git").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "0.2.0 (commit \(head)), built-in rubric shenzhen-department-2024\n")
    }
}

extension HelpTests {
    @Test("suggest --help names --header-row, -o and --force; init --help says what it does on a folder of exports")
    func suggestAndInit() throws {
        let s = try CLI.run(["suggest", "--help"])
        #expect(s.status == 0)
        #expect(s.stdout.contains("USAGE: tieout suggest <file> [--kind <kind>] [--sheet <sheet>] [--workspace <workspace>] [--header-row <header-row>] [--output <output>] [--force] [--lang <lang>]\n"))
        #expect(s.stdout.contains("""
          --header-row <header-row>
                                  The record (CSV) or row (sheet) that holds the column
                                  names. Detected when left out.
          -o, --output <output>   Write the profile to WORKSPACE/profiles/NAME.yaml and
                                  add a source that reads the file to
                                  WORKSPACE/tieout.yaml.
          --force                 With -o: replace a profile that exists.
          --lang <lang>           Language of the lines: zh (default) or en. (values:
                                  zh, en; default: zh)

        """))
        let i = try CLI.run(["init", "--help"])
        #expect(i.status == 0)
        #expect(i.stdout.contains("""
        On a folder that already holds exports (CSV, workbooks, at any depth, under any
        names), it configures the workspace from them: a profile per layout (files of
        one folder, kind and header share a source pattern and a profile), the fiscal
        year from their dates, the unit's name from their title lines, and an
        assessments.yaml template of the rubric items people score. It prints, per
        file, the kind and profile it chose, and every guess left to check (GUESS
        lines) with its file and line. It never overwrites an existing tieout.yaml.

        Examples:
          tieout init 2024-self-evaluation
          tieout init folder-of-exports

        """))
    }
}

extension HelpTests {
    @Test("init, suggest, validate and claims extract take --lang zh|en, Chinese by default, as the other commands do")
    func setupLanguage() throws {
        let option = """
              --lang <lang>           Language of the lines: zh (default) or en. (values:
                                      zh, en; default: zh)

            """
        for (command, usage) in [(["init"], "USAGE: tieout init <directory> [--lang <lang>]\n"),
                                 (["suggest"], "USAGE: tieout suggest <file> [--kind <kind>] [--sheet <sheet>] [--workspace <workspace>] [--header-row <header-row>] [--output <output>] [--force] [--lang <lang>]\n"),
                                 (["validate"], "USAGE: tieout validate <workspace> [--lang <lang>]\n"),
                                 (["claims", "extract"], "USAGE: tieout claims extract <report> [--workspace <workspace>] [--lang <lang>]\n")] {
            let r = try CLI.run(command + ["--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains(usage), "\(command)")
            #expect(r.stdout.contains(option), "\(command)")
        }
    }

    @Test("cat, sheets, totals, kinds, export, status, enqueue and report take --lang: zh by default, or en")
    func toolsLanguage() throws {
        let usages = [
            ("cat", "USAGE: tieout cat <file> [--encoding <encoding>] [--delimiter <delimiter>] [--header-row <header-row>] [--json] [--eol <eol>] [--sheet <sheet>] [--range <range>] [--fill-merged] [--lang <lang>]\n"),
            ("sheets", "USAGE: tieout sheets <file> [--encoding <encoding>] [--delimiter <delimiter>] [--header-row <header-row>] [--json] [--lang <lang>]\n"),
            ("totals", "USAGE: tieout totals [<options>] <file> --sum <sum>\n"),
            ("kinds", "USAGE: tieout kinds [<kind>] [--workspace <workspace>] [--lang <lang>]\n"),
            ("export", "USAGE: tieout export <workspace> [--no-wait] [--format <format>] [--headers <headers>] [--database <path-or-url>] [--lang <lang>]\n"),
            ("status", "USAGE: tieout status --queue <queue> [--enqueue <enqueue>] [--lang <lang>]\n"),
            ("enqueue", "USAGE: tieout enqueue <folder> --queue <queue> [--lang <lang>]\n"),
            ("report", "USAGE: tieout report [--all] --queue <queue> [--enqueue <enqueue>] [--output <output>] [--lang <lang>]\n"),
        ]
        for (command, usage) in usages {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains(usage), "\(command)")
            let option = switch command {
            case "cat": """
                  --lang <lang>           Language of the warnings and errors: zh (default) or
                                          en (the records are written as read). (values: zh,
                                          en; default: zh)
                """
            case "report": """
                  --lang <lang>           Language of the lines and of the summary's pages: zh
                                          (default) or en. (values: zh, en; default: zh)
                """
            default: """
                  --lang <lang>           Language of the lines: zh (default) or en. (values:
                                          zh, en; default: zh)
                """
            }
            #expect(r.stdout.contains(option + "\n"), "\(command): \(r.stdout)")
        }
    }
}
