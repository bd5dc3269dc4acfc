/**
 * Word boundaries from the block around a span (isWordSpan) must equal those of the whole field's
 * segmentation: jieba segments each block of Han/Latin/digit characters on its own, so cutting the text at
 * characters outside every block changes nothing. Checked on every Chinese field of the bundled seeds.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/core/digest/parse.js";
import { isWordSpan } from "../../src/core/topics/text/cjk-words.js";
import { preparePaper, type PreparedField } from "../../src/core/topics/text/prepare.js";
import { wordBounds } from "../../src/core/topics/text/segment.js";
import { paper } from "./topics-fixtures.js";

const SEEDS = join(import.meta.dirname, "..", "..", "seeds");
const HAN_RE = /\p{Script=Han}/u;

function chineseFields(): PreparedField[] {
  const fields: PreparedField[] = [];
  for (const name of readdirSync(SEEDS).filter((n) => n.endsWith(".md"))) {
    for (const paper of parseDigest(readFileSync(join(SEEDS, name), "utf8"), name).papers) {
      for (const field of preparePaper(paper).fields) if (HAN_RE.test(field.text)) fields.push(field);
    }
  }
  return fields;
}

describe("CJK word spans from the block around them", () => {
  it("agree with segmenting the whole field, for every span of two to four Han characters in the seeds", () => {
    const fields = chineseFields();
    expect(fields.length).toBeGreaterThan(100);
    let spans = 0;
    let words = 0;
    for (const field of fields) {
      const whole = wordBounds(field.text);
      const text = field.text;
      for (let start = 0; start < text.length; start++) {
        for (let length = 2; length <= 4; length++) {
          const end = start + length;
          if (end > text.length || !HAN_RE.test(text.slice(start, end)) || /[^\p{Script=Han}]/u.test(text.slice(start, end))) continue;
          const expected = whole.starts.has(start) && whole.ends.has(end);
          if (isWordSpan(field, start, end) !== expected) expect.fail(`${text.slice(start, end)} at ${start} in "${text.slice(Math.max(0, start - 20), end + 20)}": whole text says ${expected}`);
          spans++;
          if (expected) words++;
        }
      }
    }
    // Both answers occur often: the comparison is not vacuous.
    expect(spans).toBeGreaterThan(10_000);
    expect(words).toBeGreaterThan(1_000);
  });

  it("cuts only at characters outside jieba's blocks: a dot or a hyphen inside a block keeps it whole", () => {
    const field = preparePaper(paper({ title: "x", tldr: "我们在v1.5版本中提出细节能力" })).fields.find((f) => f.name === "tldr");
    expect(field).toBeDefined();
    const text = field!.text;
    const at = text.indexOf("细节能力");
    expect(isWordSpan(field!, at, at + 2)).toBe(true);
    expect(isWordSpan(field!, at + 1, at + 3)).toBe(false);
  });

  it("answers a span across a separator (folded text drops it) after one inside the same block", () => {
    const field = preparePaper(paper({ title: "x", tldr: "我们研究模型，压缩方法" })).fields.find((f) => f.name === "tldr")!;
    const text = field.text;
    const whole = wordBounds(text);
    const study = text.indexOf("研究");
    expect(isWordSpan(field, study, study + 2)).toBe(true);
    const start = text.indexOf("模型");
    const end = text.indexOf("压缩") + 2;
    expect(whole.starts.has(start) && whole.ends.has(end)).toBe(true);
    expect(isWordSpan(field, start, end)).toBe(true);
  });
});
