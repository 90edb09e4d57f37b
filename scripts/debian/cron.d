# /etc/cron.d/tieout: Tieout's unattended runs (README.md, "Running unattended").
# Every job is commented out: uncomment the ones you want, with your workspaces' folders.
# Fields: minute hour day-of-month month day-of-week USER command. The user must be able
# to write the workspaces (and /var/log/tieout, for a log file). cron mails what a job
# prints to MAILTO; with --quiet a run prints only problems, so a mail means a problem.
# Paths of the .deb: /usr/bin/tieout, /usr/lib/tieout/quarterly-check. After
# scripts/install (PREFIX /usr/local): /usr/local/bin/tieout, /usr/local/lib/tieout/quarterly-check.
#
#MAILTO=finance-it@example.gov.cn
# Monthly, 06:00 on the 2nd: the whole run; a mail only when something is wrong.
#0 6 2 * *         root  /usr/bin/tieout run /srv/ledgers/unit-2024 --quiet
# Quarterly, 08:00 on the 1st of January, April, July and October: behind schedule is a mail.
# Once the fiscal year is over it checks Q4 once, says the year is closed, then stays silent.
#0 8 1 1,4,7,10 *  root  /usr/lib/tieout/quarterly-check /srv/ledgers/unit-2024 --quiet
# Nightly, every unit of the bureau: problem units in the mail, each unit's log in out/logs/.
#30 2 * * *        root  /usr/bin/tieout run --all /srv/ledgers/2024 --jobs 2 --quiet
# Weekly, 05:00 on Sundays: the dataset checked against the ledgers, value by value; any difference is a mail.
#0 5 * * 0         root  /usr/bin/tieout verify /srv/ledgers/unit-2024 --quiet
# For a log collector instead of mail: every event as a JSON line.
#0 6 2 * *         root  /usr/bin/tieout run /srv/ledgers/unit-2024 --log-format json 2>>/var/log/tieout/unit-2024.jsonl >/dev/null
