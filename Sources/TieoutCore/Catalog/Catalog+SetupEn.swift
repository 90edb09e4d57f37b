extension Catalog {
    /// English: the words of the setup commands (init, suggest, validate, claims). Keys and placeholders as in Catalog+SetupZh.swift.
    static let setupEn: [String: String] = [
        // tieout init: a new, empty workspace.
        "init.created": "Created {config}.",
        "init.next.starter": "Next: put the exports under {folder}/ledgers/, adjust `sources:` in tieout.yaml, then run",
        // tieout init on a folder of exports: what it wrote, chose and left to check.
        "init.configured.one": "Created {config} and 1 profile in {folder}/profiles/; {assessments}",
        "init.configured.many": "Created {config} and {n} profiles in {folder}/profiles/; {assessments}",
        "init.assessments.kept": "kept {file}.",
        "init.assessments.written": "{file} lists the {items} rubric items people score (none assessed yet).",
        "init.files": "Files ({n}):",
        "init.file.chosen": "{file}: {kind}, {profile}",
        "init.file.not-read": "{file}: NOT READ: {problem}",
        "init.next.guesses": "Next: check each guess, then run",
        // Why a file was not read: the reader's error (its help in brackets), or no kind that fits.
        "init.problem": "{what}{help}",
        "init.problem.help": " ({help})",
        "init.no-kind-fits": "no kind fits as it is: the closest, {kind}, {what}. If it is a {kind} export whose fields are "
            + "not columns (one value for the file, a column group, a sheet each, a value above the header), write its profile from "
            + "`tieout suggest {file} --kind {kind}` with constants:, groups:, sheets: or header_block: (docs/profiles.md) "
            + "and add its source to tieout.yaml; if it is of another kind, define that in kinds/NAME.yaml, "
            + "then `tieout suggest {file} --workspace . --kind NAME -o profiles/NAME.yaml` (in the workspace) writes its profile and source",
        // The lines marked GUESS, listed by init and suggest -o.
        "setup.guesses.none": "No guesses to check.",
        "setup.guesses": "Guesses to check ({n}):",
        // tieout suggest -o.
        "suggest.wrote.added": "Wrote {output} ({kind}); added {file} to the sources in {config}.",
        "suggest.wrote.already": "Wrote {output} ({kind}); {config} reads {file} with it already.",
        // tieout validate.
        "validate.ok": "{workspace}: tieout.yaml, kinds, profiles, figures, rules, claims, rubric and assessments read without a mistake.",
        "validate.mistakes.one": "1 mistake in {workspace}'s settings; nothing was read or written.",
        "validate.mistakes.many": "{n} mistakes in {workspace}'s settings; nothing was read or written.",
        // tieout claims extract (stderr; the claims.yaml on stdout is for programs and stays as it is).
        "claims.extract.summary": "claims extract: {mapped} figures mapped, {unmapped} unmapped (listed for review) in {report}",
    ]
}
