import { describe, expect, it } from "vitest";
import { normalizeArxivId } from "../../src/core/digest/arxiv-id.js";
import { parseAuthorsLine } from "../../src/core/digest/authors.js";
import { dateFromFileName } from "../../src/core/digest/date-from-file-name.js";
import { matchLabel } from "../../src/core/digest/fields.js";
import { parseEntryHeading } from "../../src/core/digest/heading.js";
import { fieldOrNull } from "../../src/core/digest/placeholders.js";
import { sanitizeText } from "../../src/core/digest/sanitize.js";
import { joinFieldLines, unwrapParagraphs } from "../../src/core/digest/unwrap.js";

describe("dateFromFileName", () => {
  it.each([
    ["2026-01-06.md", "2026-01-06"],
    ["2026-01-15_AI_enhanced_Chinese.jsonl", "2026-01-15"],
    ["2026-01-15_AI_enhanced_.jsonl", "2026-01-15"],
    ["data/2024-02-29.md", "2024-02-29"],
    ["C:\\digests\\2025-12-31.md", "2025-12-31"],
    ["2025-02-29.md", null],
    ["2026-13-01.md", null],
    ["2026-04-31.md", null],
    ["2026-00-10.md", null],
    ["20260106.md", null],
    ["2026-01-061.md", null],
    ["digest.md", null],
    ["latest-2026-01-06.md", null],
  ])("%s → %s", (name, expected) => {
    expect(dateFromFileName(name)).toBe(expected);
  });
});

describe("normalizeArxivId drops the version and rejects non-ids", () => {
  it.each([
    ["2510.08567v1", "2510.08567"],
    ["2512.09277", "2512.09277"],
    ["0704.0001v12", "0704.0001"],
    ["math/0601001", "math/0601001"],
    ["math/0601001v3", "math/0601001"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["math.GT/0309136", "math.GT/0309136"],
    ["not-an-id", null],
    ["2510.085", null],
    ["", null],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeArxivId(raw)).toBe(expected);
  });
});

describe("fieldOrNull treats failed AI output as absent", () => {
  it.each([
    ["Error", null],
    ["Summary generation failed", null],
    ["Motivation analysis unavailable", null],
    ["Method extraction failed", null],
    ["Result analysis unavailable", null],
    ["Conclusion extraction failed", null],
    ["Processing failed", null],
    ["error.", null],
    ["   ", null],
    ["", null],
    ["Error bars shrink with more data.", "Error bars shrink with more data."],
    ["  真正的内容  ", "真正的内容"],
  ])("%j → %j", (value, expected) => {
    expect(fieldOrNull(value)).toBe(expected);
  });
});

describe("unwrapParagraphs joins wrapped lines and keeps paragraph breaks", () => {
  it.each([
    ["hard-wrapped lines join with a space", ["one two", "three four"], "one two three four"],
    ["an indented line starts a paragraph", ["first para", "still first", "  second para", "still second"], "first para still first\n\nsecond para still second"],
    ["one line per paragraph (newer digests)", ["Para one.", "  Para two.", "  Para three."], "Para one.\n\nPara two.\n\nPara three."],
    ["a blank line separates paragraphs", ["a", "", "", "b"], "a\n\nb"],
    ["trailing blank lines vanish", ["a", "", ""], "a"],
  ])("%s", (_name, lines, expected) => {
    expect(unwrapParagraphs(lines)).toBe(expected);
  });
});

describe("joinFieldLines keeps lists and collapses blank runs", () => {
  it.each([
    ["numbered list stays on its lines", ["1. a", "2. b"], "1. a\n2. b"],
    ["blank runs become one paragraph break", ["x", "", "", "y"], "x\n\ny"],
    ["leading and trailing blanks vanish", ["", "x", "", ""], "x"],
  ])("%s", (_name, lines, expected) => {
    expect(joinFieldLines(lines)).toBe(expected);
  });
});

describe("matchLabel", () => {
  it.each([
    ["TL;DR: 摘要", "tldr", "摘要"],
    ["TLDR: x", "tldr", "x"],
    ["Task: x", "tldr", "x"],
    ["**TL;DR**: x", "tldr", "x"],
    ["**TL;DR:** x", "tldr", "x"],
    ["TL;DR：全角冒号", "tldr", "全角冒号"],
    ["Main category: cs.DC", "mainCategory", "cs.DC"],
    ["Motivation: Error", "motivation", "Error"],
    ["Method:", "method", ""],
    ["Abstract: text", "abstract", "text"],
    ["Background: x", null, "x"],
  ])("%j is field %j", (line, field, rest) => {
    expect(matchLabel(line)).toEqual({ label: expect.any(String), field, rest });
  });

  it.each([
    ["  Results: indented abstract paragraph"],
    ["ratio:1 is prose"],
    ["1. 情感识别：列表项"],
    ["A sentence that goes on for far too long before it ever reaches a colon: no"],
    ["*Author,Other*"],
    [""],
  ])("%j is not a label", (line) => {
    expect(matchLabel(line)).toBeNull();
  });
});

describe("parseAuthorsLine removes only the emphasis wrapper", () => {
  it.each([
    ["*Ethan Davis*", ["Ethan Davis"]],
    ["*A,B , C*", ["A", "B", "C"]],
    ["*Baraa Al_Maradni,Haya Al_Naal*", ["Baraa Al_Maradni", "Haya Al_Naal"]],
    ["*Jane *Star* Doe,Bob*", ["Jane *Star* Doe", "Bob"]],
    ["**Bold Author,Other**", ["Bold Author", "Other"]],
    ["**", []],
    ["Plain Author, Second", ["Plain Author", "Second"]],
  ])("%j → %j", (line, expected) => {
    expect(parseAuthorsLine(line)).toEqual(expected);
  });
});

describe("parseEntryHeading finds the link at the end of the line", () => {
  it.each([
    ["### [1] [Plain](https://arxiv.org/abs/2512.09277)", "Plain", "2512.09277"],
    ["### [Old template](https://arxiv.org/abs/2503.14603)", "Old template", "2503.14603"],
    ["### [103] [Cyclic codes over Z2[u,v](u2(1+u),v2(1+v2))](https://arxiv.org/abs/2605.03031)", "Cyclic codes over Z2[u,v](u2(1+u),v2(1+v2))", "2605.03031"],
    ["### [5] [[Re] A* Search [and more]](https://arxiv.org/abs/2601.19622v2)  ", "[Re] A* Search [and more]", "2601.19622"],
    ["### [[2] starts with a number](https://arxiv.org/abs/2601.00001)", "[2] starts with a number", "2601.00001"],
    ["### [7] [Old id](http://arxiv.org/abs/math/0601001v1)", "Old id", "math/0601001"],
  ])("%s", (line, title, id) => {
    const r = parseEntryHeading(line);
    expect(r.ok && r.heading).toMatchObject({ title, id });
  });

  it.each([
    ["### Not an entry"],
    ["### [1] [Elsewhere](https://example.com/abs/2512.09277)"],
    ["### [1] [Bad id](https://arxiv.org/abs/xyz)"],
    ["### [1] [](https://arxiv.org/abs/2512.09277)"],
  ])("%s is rejected with a reason", (line) => {
    const r = parseEntryHeading(line);
    expect(r.ok).toBe(false);
  });
});

describe("sanitizeText", () => {
  it("strips control characters except newline and tab, and counts them", () => {
    expect(sanitizeText("a\x0cb\tc\r\nd\x00\n\x7fe")).toEqual({ text: "ab\tc\nd\ne", removed: 3, firstLine: 1 });
  });
  it("drops a byte-order mark", () => {
    expect(sanitizeText("\ufeff# x").text).toBe("# x");
  });
});
