extension Catalog {
    /// 中文：初始化与设置检查命令（init、suggest、validate、claims）的用语。键与占位符同 Catalog+SetupEn.swift。
    static let setupZh: [String: String] = [
        // tieout init：新建空工作区。
        "init.created": "已创建 {config}。",
        "init.next.starter": "下一步：把导出文件放到 {folder}/ledgers/ 下，按需修改 tieout.yaml 中的 `sources:`，然后运行",
        // 在已有导出文件的文件夹上运行 tieout init：写了什么、如何选择、还需核对什么。
        "init.configured.one": "已创建 {config}，并在 {folder}/profiles/ 中创建 1 个配置；{assessments}",
        "init.configured.many": "已创建 {config}，并在 {folder}/profiles/ 中创建 {n} 个配置；{assessments}",
        "init.assessments.kept": "保留原有的 {file}。",
        "init.assessments.written": "{file} 列出了需人工评分的 {items} 个评分项（均尚未评分）。",
        "init.files": "文件（{n} 个）：",
        "init.file.chosen": "{file}：{kind}，{profile}",
        "init.file.not-read": "{file}：未读取：{problem}",
        "init.next.guesses": "下一步：逐条核对推测，然后运行",
        // 文件未读取的原因：读取时的错误（分号后为处理办法），或没有合适的记录类型。
        "init.problem": "{what}{help}",
        "init.problem.help": "；{help}",
        "init.no-kind-fits": "没有记录类型能直接读取它：最接近的是 {kind}，{what}。如果它是 {kind} 的导出文件，只是有些字段不在列中"
            + "（整个文件一个值、列组、每部分一张工作表、表头上方的值），请先运行 `tieout suggest {file} --kind {kind}` 生成配置，"
            + "再用 constants:、groups:、sheets: 或 header_block: 补全（见 docs/profiles.md），并在 tieout.yaml 中加上它的来源；"
            + "如果它属于其他记录类型，请在 kinds/NAME.yaml 中定义该类型，"
            + "然后在工作区中运行 `tieout suggest {file} --workspace . --kind NAME -o profiles/NAME.yaml`，写出它的配置和来源",
        // init 和 suggest -o 列出的标有 GUESS 的行。
        "setup.guesses.none": "没有需要核对的推测。",
        "setup.guesses": "需要核对的推测（标有 GUESS 的行，{n} 处）：",
        // tieout suggest -o。
        "suggest.wrote.added": "已写入 {output}（{kind}）；已在 {config} 的 `sources:` 中加入 {file}。",
        "suggest.wrote.already": "已写入 {output}（{kind}）；{config} 已用它读取 {file}，未作改动。",
        // tieout validate。
        "validate.ok": "{workspace}：tieout.yaml、记录类型、配置、数字定义、核对规则、报告所述数字、评分标准和人工评分均已读取，未发现错误。",
        "validate.mistakes.one": "{workspace} 的设置中有 1 处错误；未读取或写入任何内容。",
        "validate.mistakes.many": "{workspace} 的设置中有 {n} 处错误；未读取或写入任何内容。",
        // tieout claims extract（写到 stderr；stdout 上的 claims.yaml 供程序使用，保持原样）。
        "claims.extract.summary": "claims extract：{report} 中有 {mapped} 个数字已对应到数字定义，{unmapped} 个未对应（已列出，待核对）",
    ]
}
