"""Findings sentences generated from the data, one function per notebook, so that every stated finding stays
true when articles are added. Each returns Markdown (text from the data escaped with :func:`md`).

In:  the tables of the analysis (and the corpus).  Out: Markdown text for a notebook cell.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from helpers.corpus.load import Corpus
from helpers.corpus.manifest import reader_notes

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md(text: object) -> str:
    """Text from the data made safe for a Markdown cell: HTML escaped, Markdown control characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


#: Names listed in a sentence at most; the rest are counted ("and 54 others").
NAMES_SHOWN = 6


def _names(values, limit: int = NAMES_SHOWN) -> str:
    """Names from the data joined with commas and a final "and"; past ``limit`` the rest are counted."""
    values = [md(v) for v in values]
    if len(values) > limit:
        return ", ".join(values[:limit]) + f" and {len(values) - limit:,} others"
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def header(counts: dict, problems_where: str) -> str:
    """The line every notebook opens its findings with: what it analysed, and what it did not (duplicates,
    rejected files) with a pointer to the problems table (``problems_where``)."""
    if not counts["analysed"]:
        return f"**Corpus.** No article could be analysed; see {problems_where}."
    span = f", published {md(counts['first'][:7])} to {md(counts['last'][:7])}" if counts["first"] else ""
    english = f" ({counts['english']:,} in English)" if counts["english"] != counts["analysed"] else ""
    return (f"**Corpus.** {_plural(counts['analysed'], 'article')} analysed{english} from {_plural(counts['outlets'], 'outlet')}"
            f"{span}; {_plural(counts['duplicates'], 'duplicate')} analysed once; "
            f"{_plural(counts['rejected'], 'file or manifest row', 'files or manifest rows')} rejected (see {problems_where}).")


def corpus_findings(corpus: Corpus, status: pd.DataFrame, removed: pd.DataFrame) -> str:
    """Notebook 00: size and span of the corpus, what was cleaned, rejected, flagged, and provenance caveats."""
    a = corpus.analysed
    counts = status["status"].value_counts()
    lines = [
        f"- The corpus holds {_plural(len(status), 'file')}: {counts.get('analysed', 0)} analysed, "
        f"{counts.get('duplicate', 0)} duplicate(s) analysed once, {counts.get('rejected', 0)} rejected (see the problems table).",
    ]
    if len(a):
        lines.append(
            f"- {_plural(a['outlet'].nunique(), 'outlet')} ({_names(sorted(a['outlet'].unique()))}), published between "
            f"{md(a['date_start'].min())} and {md(a['date_end'].max())}; {a['n_words'].sum():,} words in all, "
            f"{a['n_words'].min():,}–{a['n_words'].max():,} per article."
        )
        imprecise = a[a["date_precision"] != "day"]
        if len(imprecise):
            lines.append(f"- {_plural(len(imprecise), 'article')} ({_names(imprecise['file'])}) {'has' if len(imprecise) == 1 else 'have'} only a {'/'.join(sorted(set(imprecise['date_precision'])))}-precision date: "
                         "dates relative to it are wide intervals.")
        caveats = a[a["notes"].map(reader_notes).str.contains(r"\binferred\b|not confirmed|unknown|uncertain|garbled", case=False, regex=True)]
        if len(caveats):
            lines.append(f"- The manifest marks an inferred or uncertain outlet or date for {_names(caveats['file'])}: read their notes below.")
    lines.append(f"- Cleaning removed {_plural(len(removed), 'piece')} of scrape residue from "
                 f"{_plural(removed['file'].nunique(), 'article')} ({_names(sorted(removed['rule'].unique())) or 'none'}).")
    flagged = corpus.articles[corpus.articles["flags"] != ""]
    for flag in ("suspect_garbled", "non_english", "missing_headline"):
        files = flagged.loc[flagged["flags"].str.contains(rf"\b{flag}\b"), "file"]
        if len(files):
            lines.append(f"- Flag `{flag}`: {_names(files)}.")
    return "\n".join(lines)


def timeline_findings(timeline: pd.DataFrame, volume: pd.DataFrame, period: str) -> str:
    """Notebook 03: the span of coverage, its busiest periods, the outlets that wrote most, and the articles whose
    day is unknown. In: :func:`helpers.analysis.timeline.publication_timeline` and its
    :func:`helpers.analysis.timeline.coverage` per ``period``."""
    if timeline.empty:
        return "- No articles to place in time."
    first, last = timeline.iloc[0], timeline.iloc[-1]
    lines = [f"- Coverage runs from {md(first['published'])} ({md(first['outlet'])}) to {md(last['published'])} ({md(last['outlet'])})."]
    per = volume.groupby("period")["articles"].sum().sort_values(ascending=False, kind="stable")
    if len(per) > 1:
        busiest = per.head(3)
        lines.append(f"- Busiest {period}s: " + "; ".join(f"{md(k)} ({v:,.0f} article{'' if round(v) == 1 else 's'})" for k, v in busiest.items())
                     + f", of {len(timeline):,} articles over {len(per):,} {period}s with any.")
    counts = timeline["outlet"].value_counts()
    if len(counts) > 1:
        share = counts.iloc[:3].sum() / counts.sum()
        lines.append(f"- The three outlets with the most articles ({_names(list(counts.index[:3]))}) wrote {share:.0%} of them.")
    imprecise = timeline[timeline["date_precision"] != "day"]
    if len(imprecise):
        lines.append(f"- {_plural(len(imprecise), 'article')} ({_names(imprecise['file'])}) {'has' if len(imprecise) == 1 else 'have'} "
                     f"only a {'/'.join(sorted(set(imprecise['date_precision'])))}-precision date: counted over "
                     "every period it may fall in.")
    return "\n".join(lines)


# ===== source comparison (add findings functions for notebook 01 below this line) =====
def source_comparison_findings(result, detail: bool = False, shown: int = 3) -> str:
    """Notebook 01, from a :class:`helpers.analysis.compare.Comparison`: voices and one-sided outlets, readability,
    wire copy and its agencies, same-event clusters and republished passages, quotations rendered differently (and
    who published first), and the key facts outlets state differently. Every list names at most a few items and
    counts the rest; ``detail`` names up to ``shown`` = 20 of each (the saved tables hold all)."""
    shown = 20 if detail else shown
    p = result.profiles
    if not len(p):
        return "- No English articles to compare."
    lines = [f"- {_plural(len(p), 'English article')} from {_plural(p['outlet'].nunique(), 'outlet')}; "
             f"{p['quoted_words'].sum() / max(1, p['n_words'].sum()):.0%} of their words are quoted speech."]
    sided = result.outlets.assign(sides=[" ".join(s for s in ("Russia", "India", "US", "China", "Pakistan", "other")
                                                  if row[f"quoted_words_{s}"] > 0) for _, row in result.outlets.iterrows()])
    for sides, group in sided[sided["quoted_words"] > 0].groupby("sides", sort=True):
        if sides and len(sides.split()) == 1:
            lines.append(f"- {_plural(len(group), 'outlet')} quote{'s' if len(group) == 1 else ''} speakers of one side only "
                         f"({md(sides)}): {_names(group['outlet'], shown)}.")
    silent = sided.loc[sided["quoted_words"] == 0, "outlet"]
    if len(silent):
        lines.append(f"- {_plural(len(silent), 'outlet')} quote{'s' if len(silent) == 1 else ''} nobody directly: {_names(silent, shown)}.")
    if "quoted_words_US" in sided and (sided["quoted_words_US"] == 0).all():
        lines.append("- No outlet quotes a US speaker directly: Washington's position appears only in reported speech.")
    scored = p.dropna(subset=["flesch_reading_ease", "own_flesch_reading_ease"])
    if len(scored):
        easier = int((scored["own_flesch_reading_ease"] > scored["flesch_reading_ease"]).sum())
        lines.append(f"- In {easier:,} of {_plural(len(scored), 'scored article')} the journalist's own sentences read more easily "
                     "(higher Flesch reading ease) than the body with quotations.")
    unreliable = p[(p["readability_flag"] != "") | (p["own_readability_flag"] != "")]
    if len(unreliable):
        lines.append(f"- Readability withheld (sentence splitting unreliable) for {_plural(len(unreliable), 'article')}: {_names(unreliable['file'], shown)}.")
    wire_copy = p[p["source_agency"] != ""]
    if len(wire_copy):
        agencies = wire_copy["source_agency"].value_counts()
        lines.append(f"- {_plural(len(wire_copy), 'article')} ({len(wire_copy) / len(p):.0%}) {'is' if len(wire_copy) == 1 else 'are'} wire copy: "
                     + _names_raw([f"**{md(a)}** {n:,}" for a, n in sorted(agencies.items(), key=lambda kv: (-kv[1], kv[0]))])
                     + f"; carried by {_plural(wire_copy['outlet'].nunique(), 'outlet')}.")
        for _, row in wire_copy.head(shown if len(wire_copy) <= shown else 0).iterrows():
            rules = result.credits[(result.credits["file"] == row["file"]) & (result.credits["role"] == "source")]
            how = _names(sorted(set(rules["rule"].str.replace("_", " "))))
            lines.append(f"    - {md(row['file'])} ({md(row['outlet'])}): {md(row['source_agency'])} ({how}).")
    else:
        lines.append("- No article carries a wire-agency credit.")
    cited = p[p["cited_agencies"] != ""]
    if len(cited):
        lines.append(f"- {_plural(len(cited), 'article')} also cite{'s' if len(cited) == 1 else ''} an agency without being its copy: {_names(cited['file'], shown)}.")
    events = result.clusters[result.clusters["event_size"] > 1]
    if len(events):
        sizes = events.groupby("event_cluster").size().sort_values(ascending=False, kind="stable")
        lines.append(f"- {_plural(len(sizes), 'event')} {'is' if len(sizes) == 1 else 'are'} reported by two or more articles "
                     f"(similar text published within a few days), {_plural(int(sizes.sum()), 'article')} in all; the largest:")
        for cluster in sizes.index[:shown]:
            group = events[events["event_cluster"] == cluster]
            files = list(group["file"])
            inside = result.pairs[result.pairs["file_a"].isin(files) & result.pairs["file_b"].isin(files) & result.pairs["same_event"]]
            lines.append(f"    - cluster {cluster}: {_plural(len(group), 'article')} from {_names(sorted(set(group['outlet'])))}, "
                         f"published {md(group['date_start'].min())}" + (f" to {md(group['date_end'].max())}" if group['date_end'].max() != group['date_start'].min() else "")
                         + f" (TF-IDF cosine {inside['cosine'].min():.2f}" + (f"–{inside['cosine'].max():.2f}" if inside['cosine'].nunique() > 1 else "") + ").")
    else:
        lines.append("- No two articles report the same event (similar text published within a few days).")
    copied = result.reuse[result.reuse["kind"] == "text"]
    quoted = result.reuse[result.reuse["kind"] == "quotation"]
    if len(copied):
        pairs = copied.groupby(["file_a", "file_b"], sort=True)["n_words"].sum().sort_values(ascending=False, kind="stable")
        lines.append(f"- Republished text: {_plural(len(copied), 'passage')} shared word for word by {_plural(len(pairs), 'pair')} of articles; "
                     "the longest: " + "; ".join(f"{md(a)} and {md(b)} ({n:,} words)" for (a, b), n in pairs.head(shown).items()) + ".")
    else:
        lines.append("- No passage of the journalists' own text is republished word for word in another article"
                     + (f" (only {_plural(len(quoted), 'quoted passage')} recur, the same words quoted by two reporters)." if len(quoted) else "."))
    al = result.alignments
    if len(al):
        changed = al[al["diff"].str.contains(r"\[-|\{\+", regex=True)]
        groups = al.groupby(["file_a", "file_b", "speaker"], sort=True)
        lines.append(f"- {_plural(len(al), 'quotation')} appear{'s' if len(al) == 1 else ''} in two articles ({_plural(groups.ngroups, 'pair')} of articles and speaker); "
                     f"{len(changed):,} worded differently, {int(al['partial'].sum()):,} quoted only in part by one of them.")
        for (fa, fb, speaker), group in list(groups)[:shown]:
            first = group["first"].iloc[0]
            when = {"same day": "both published the same day", "unclear": "which came first is unclear (imprecise dates)"}.get(
                first, f"{md(first)} published first")
            diff = group[group["diff"].str.contains(r"\[-|\{\+", regex=True)]
            lines.append(f"    - {md(speaker or 'An unnamed speaker')}, quoted by {md(group['outlet_a'].iloc[0])} ({md(fa)}) and "
                         f"{md(group['outlet_b'].iloc[0])} ({md(fb)}): {_plural(len(group), 'passage')}, {len(diff)} worded differently; {when}.")
            if detail:
                for _, row in group.iterrows():
                    lines.append(f"        - score {row['score']:.2f}: {md(row['diff'])}")
    else:
        lines.append("- No quotation appears in two articles.")
    dis = result.disagreements
    for _, row in dis[dis["status"] == "differ"].iterrows():
        lines.append(f"- **{md(row['fact'])}**: {int(row['agreeing'])} of {_plural(int(row['outlets']), 'outlet')} agree on {md(row['consensus'])}; "
                     f"{_names(row['differing_outlets'].split('; '))} state{'s' if int(row['differing']) == 1 else ''} another value, by up to {md(row['largest_difference'])}.")
    agree = dis[dis["status"] == "agree"]
    if len(agree):
        lines.append("- Outlets agree, at the precision each states, on " + _names_raw([f"{md(f)} ({md(c)}, {_plural(int(n), 'outlet')})" for f, c, n in zip(agree["fact"], agree["consensus"], agree["outlets"])]) + ".")
    single = dis[dis["status"] == "stated by one outlet"]
    if len(single):
        lines.append("- Stated by one outlet only: " + "; ".join(f"{md(c)} ({md(v)})" for c, v in zip(single["fact"], single["values"])) + ".")
    per_outlet = p.groupby("outlet").size()
    if per_outlet.median() < 5:
        lines.append(f"- Half the outlets are represented by {int(per_outlet.median())} article{'s' if per_outlet.median() != 1 else ''} or fewer: "
                     "their profiles describe those articles, not the outlets' editorial lines.")
    return "\n".join(lines)


# ===== framing (add findings functions for notebook 02 below this line) =====
def _pct(value: float) -> str:
    return f"{value:.1%}"


#: Frames whose F1 on the test part of the independent coding is below this are marked "low validity".
LOW_VALIDITY_F1 = 0.6


def framing_summary(shares: pd.DataFrame, differences: pd.DataFrame, voices: pd.DataFrame, naming: pd.DataFrame,
                    speakers: pd.DataFrame, evaluation: pd.DataFrame | None, labels: dict[str, str],
                    named: list[str] | None = None, sanctions_frame: str = "us_pressure",
                    agreement: pd.DataFrame | None = None) -> str:
    """Notebook 02: what was coded, the leading frame of the outlets with the most articles (with an interval only
    where an outlet has enough articles for one), which frames outlets use differently beyond chance (the
    permutation test, corrected for the number of frames), the journalist's versus quoted voices, who carries the
    sanctions frame, who names CAATSA, and how well the coding agrees with independent hand coding.

    In: :func:`helpers.analysis.framing.outlet_shares`, :func:`helpers.analysis.framing.outlet_differences`,
    :func:`helpers.analysis.framing.frame_voices`, :func:`helpers.analysis.framing.caatsa_naming`,
    :func:`helpers.analysis.framing.frame_speakers`, one coder's rows of
    :func:`helpers.annotate.validity.evaluate_frame_coding` on the test part (or None), frame labels, the outlets to
    name (default: every outlet) and :func:`helpers.annotate.validity.frame_agreement` (or None).
    Out: Markdown bullet lines."""
    if shares.empty or shares["sentences"].sum() == 0:
        return "- No English sentences to code."

    def name(frame: str) -> str:
        return f"*{md(labels.get(frame, frame))}*"

    lines = []
    per_outlet = shares.drop_duplicates("outlet")
    lines.append(f"- {_plural(int(per_outlet['sentences'].sum()), 'sentence')} from "
                 f"{_plural(int(per_outlet['articles'].sum()), 'article')} of {_plural(len(per_outlet), 'outlet')} were coded; "
                 f"{_plural(int(shares['framed'].sum()), 'sentence-frame')} in all.")
    overall = shares.groupby("frame", sort=False)["framed"].sum() / per_outlet["sentences"].sum()
    lines.append("- Across all outlets: " + "; ".join(f"{name(f)} {_pct(v)}" for f, v in overall.sort_values(ascending=False, kind="stable").items()) + " of sentences (headline, subheads and body).")
    order = [o for o in (named or sorted(per_outlet["outlet"])) if o in set(per_outlet["outlet"])]
    for outlet in order[:NAMES_SHOWN]:
        group = shares[shares["outlet"] == outlet]
        best = group["share"].max()
        if best == 0:
            lines.append(f"- {md(outlet)}: no frame of the dictionary is coded.")
            continue
        top = group[group["share"] == best]
        row = top.iloc[0]
        interval = f" [{_pct(row['lo'])}–{_pct(row['hi'])}]" if pd.notna(row["lo"]) else ""
        lines.append(f"- {md(outlet)} ({_plural(int(row['articles']), 'article')}): leading frame {' and '.join(name(f) for f in top['frame'])} "
                     f"({_pct(best)} of {row['sentences']:,} sentences{interval})" + (" (a tie)." if len(top) > 1 else "."))
    if len(order) > NAMES_SHOWN:
        lines.append(f"- {_plural(len(order) - NAMES_SHOWN, 'other outlet')}: see the table below.")
    few = per_outlet.loc[per_outlet["articles"] < 5, "outlet"]
    if len(few):
        lines.append(f"- {_plural(len(few), 'outlet')} {'has' if len(few) == 1 else 'have'} fewer than 5 articles: no interval and no test "
                     "for them (their shares describe those articles, not the outlet's coverage).")
    if differences.empty:
        lines.append("- Too few articles per outlet to test whether outlets differ (at least two outlets need 5 articles or more).")
    else:
        first = differences.iloc[0]
        differ = differences[differences["differs"]]
        tested = f"permutation test over {_plural(int(first['articles']), 'article')} of {_plural(int(first['outlets']), 'outlet')}, Holm-corrected for {int(first['comparisons'])} frames"
        if len(differ):
            lines.append("- Outlets differ beyond chance (" + tested + ") on " + "; ".join(
                f"{name(r.frame)} (p = {r.p_holm:.3f}; highest {md(r.highest)} {_pct(r.highest_share)}, lowest {md(r.lowest)} {_pct(r.lowest_share)})"
                for r in differ.itertuples()) + ".")
        same = differences[~differences["differs"] & differences["p_holm"].notna()]
        if len(same):
            lines.append(f"- No difference beyond chance ({tested if not len(differ) else 'same test'}) on " + _names_raw([name(f) for f in same["frame"]]) + ".")
    coded = voices.groupby("voice")["sentences"].sum() if len(voices) else pd.Series(dtype=int)
    total = int(coded.sum())
    if total:
        quoted = int(coded.get("quoted", 0))
        lines.append(f"- {_pct(quoted / total)} of the coded sentence-frames are carried only by quoted speech; "
                     f"{_pct(1 - quoted / total)} by the journalist's own words.")
    pressure = voices[voices["frame"] == sanctions_frame] if len(voices) else voices
    if len(pressure):
        own = int(pressure.loc[pressure["voice"] == "journalist", "sentences"].sum())
        sides = pressure[pressure["voice"] == "quoted"].groupby("side")["sentences"].sum().sort_index()
        parts = [f"the journalist's own words in {_plural(own, 'sentence')}"] if own else []
        parts += [f"quoted {md(side)} voices in {_plural(int(n), 'sentence')}" for side, n in sides.items()]
        lines.append(f"- {name(sanctions_frame)} is carried by " + _names_raw(parts) + ".")
        if len(speakers):
            lines.append("- Quoted speakers carrying it most: " + _names_raw(
                [f"{md(r.speaker)} ({md(r.side)}, {_plural(int(r.sentences), 'sentence')})" for r in speakers.head(NAMES_SHOWN).itertuples()]) + ".")
        if "US" not in set(sides.index):
            lines.append("- No quoted US voice carries it: US pressure is reported, not voiced by US officials.")
    elif sanctions_frame in labels:
        lines.append(f"- No sentence is coded {name(sanctions_frame)}.")
    if len(naming):
        for label in ("names CAATSA", "sanctions or pressure only", "neither"):
            outlets = naming.loc[naming["naming"] == label, "outlet"]
            if len(outlets):
                text = {"names CAATSA": "name CAATSA", "sanctions or pressure only": "speak of US sanctions or pressure without naming CAATSA",
                        "neither": "carry neither CAATSA nor the US-pressure frame"}[label]
                verb = text if len(outlets) > 1 else text.replace("name ", "names ", 1).replace("speak ", "speaks ", 1).replace("carry ", "carries ", 1)
                lines.append(f"- {_plural(len(outlets), 'outlet')} ({_names(sorted(outlets))}) {verb}.")
    if evaluation is not None and len(evaluation):
        scored = evaluation[(evaluation["frame"] != "all") & (evaluation["gold_positives"] >= 5)]
        micro = evaluation[evaluation["frame"] == "all"]
        if len(micro):
            m = micro.iloc[0]
            gap = m["coded"] / m["gold_positives"] - 1 if m["gold_positives"] else float("nan")
            bias = ("shares overcount by about " if gap > 0 else "shares undercount by about ") + _pct(abs(gap))
            def rate(column: str) -> str:
                if f"{column}_lo" in m and pd.notna(m[f"{column}_lo"]):
                    return f"{_pct(m[column])} (95% interval {_pct(m[column + '_lo'])} to {_pct(m[column + '_hi'])})"
                return _pct(m[column])
            lines.append(f"- Against independent hand coding of real news pages never used for tuning ({int(m['gold_positives'])} "
                         f"sentence-frames), the coding's precision is {rate('precision')} and recall "
                         f"{rate('recall')}: in all, {bias} of what the coder codes.")
        if agreement is not None and len(agreement):
            judged = agreement[agreement["coded"].isin(scored["frame"]) & agreement["kappa"].notna()]
            if len(judged):
                lines.append(f"- Two independent coders agree with Cohen's kappa from {judged['kappa'].min():.2f} to "
                             f"{judged['kappa'].max():.2f} on those frames.")
        low = scored[scored["f1"] < LOW_VALIDITY_F1]
        if len(low):
            lines.append(f"- Low validity (F1 below {LOW_VALIDITY_F1:.1f} on the test sets): " + _names_raw([name(f).replace(" (low validity)", "") for f in low["frame"]])
                         + "; read their shares with care.")
    return "\n".join(lines)


def _names_raw(values) -> str:
    """Join already-formatted Markdown pieces with commas and a final 'and'."""
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


# ===== timeline (add findings functions for notebook 03 below this line) =====


def story_findings(story, scores: pd.DataFrame, months: int = 6) -> str:
    """Notebook 03: the dated mentions and their span, the densest period, happenings several outlets date, each
    milestone's date and the outlets that give another, and the date extractor's scores on the gold standard.
    In: a :class:`helpers.analysis.timeline.Story` and :func:`helpers.annotate.validity.evaluate_date_gold`."""
    lines = []
    events = story.events
    if events.empty:
        lines.append("- The articles give no date that places an event on the calendar.")
    else:
        lines.append(f"- {_plural(len(events), 'dated mention')} in {_plural(events['file'].nunique(), 'article')}, from "
                     f"{md(events['date_start'].min())} to {md(events['date_end'].max())}.")
        dense = story.densest
        if dense["mentions"]:
            lines.append(f"- The densest {months}-month period is {md(dense['start'])} to {md(dense['end'])}, "
                         f"with {_plural(dense['mentions'], 'narrowly dated mention')} (at most a quarter long).")
        shared = story.groups[story.groups["n_outlets"] > 1]
        if len(shared):
            shown = shared.sort_values(["n_outlets", "group_id"], ascending=[False, True], kind="stable").head(3)
            items = "; ".join(f"{md(r['topic'])} on {md(r['date_start'])}" + (f" to {md(r['date_end'])}" if r['date_end'] != r['date_start'] else "")
                              + f" ({_plural(int(r['n_outlets']), 'outlet')})" for _, r in shown.iterrows())
            lines.append(f"- {_plural(len(shared), 'happening')} (same topic, same date to the day or month) "
                         f"{'is' if len(shared) == 1 else 'are'} dated by more than one outlet; most widely: {items}.")
        else:
            lines.append("- No happening is dated by more than one outlet.")
    summary = story.summary
    if summary.empty:
        lines.append("- No milestone of the story (contract signed, deliveries, CAATSA enacted, sanctions on Turkey) is dated in the articles.")
    for row in summary.itertuples(index=False):
        if row.status == "period":
            lines.append(f"- *{md(row.milestone)}*: {_plural(int(row.mentions), 'dated mention')} by {_plural(int(row.outlets), 'outlet')} (a debate, not one date).")
            continue
        when = md(row.date_start) + (f" to {md(row.date_end)}" if row.date_end != row.date_start else "") if row.date_start else "no date that happened"
        text = f"- *{md(row.milestone)}*: {when}"
        if row.status == "agree":
            text += f", as all {_plural(int(row.outlets), 'outlet')} stating it agree"
        elif row.status == "differ":
            text += (f" for {int(row.agreeing):,} of {_plural(int(row.outlets), 'outlet')}; "
                     f"{_names(row.differing_outlets.split('; '))} give{'s' if row.differing == 1 else ''} another date")
        else:
            text += " (one outlet states it: nothing to compare)"
        if row.planned:
            text += f"; {_plural(int(row.planned), 'planned or forecast date')} kept apart"
        lines.append(text + ".")
    for _, row in scores.iterrows():
        lines.append(f"- Date extractor on the hand-annotated gold ({md(row['set'])}, {row['gold']} expressions): recall "
                     f"{row['recall']:.2f}, precision {row['precision']:.2f}, exact normalisation {row['normalisation']:.2f}.")
    return "\n".join(lines)
