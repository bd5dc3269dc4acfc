/**
 * Passing roles in Chinese text (TL;DRs and the generated summaries of Chinese digests): the same roles
 * as passing-roles.ts, but Chinese has no spaces, so a cue's reach is counted in characters, and a
 * Chinese comma or full stop ends it. "（如token剪枝、合并）" lists pruning among alternatives, "无需教师蒸馏"
 * says the paper does without distillation, "优于先前蒸馏方法" compares with it.
 */
import type { PassingMention, PassingRole } from "./passing-roles.js";

interface CjkCue {
  cue: string;
  role: PassingRole;
  /** How many characters may stand between the cue and the hit. */
  reach: number;
  /** Characters that, right after the cue, make it another word (如何 "how", 如果 "if"). */
  notBefore?: string;
}

/** Cues that come before the hit. */
export const CJK_BEFORE_CUES: readonly CjkCue[] = [
  { cue: "例如", role: "list", reach: 12 },
  { cue: "比如", role: "list", reach: 12 },
  { cue: "诸如", role: "list", reach: 12 },
  { cue: "包括", role: "list", reach: 12 },
  { cue: "如", role: "list", reach: 12, notBefore: "何果此下今同意实" },
  { cue: "无需", role: "contrast", reach: 4 },
  { cue: "无须", role: "contrast", reach: 4 },
  { cue: "不需要", role: "contrast", reach: 4 },
  { cue: "不依赖", role: "contrast", reach: 4 },
  { cue: "而非", role: "contrast", reach: 4 },
  { cue: "而不是", role: "contrast", reach: 4 },
  { cue: "不同于", role: "contrast", reach: 6 },
  { cue: "摆脱", role: "contrast", reach: 4 },
  { cue: "替代", role: "contrast", reach: 4 },
  { cue: "取代", role: "contrast", reach: 4 },
  { cue: "优于", role: "comparison", reach: 8 },
  { cue: "超越", role: "comparison", reach: 8 },
  { cue: "超过", role: "comparison", reach: 8 },
  { cue: "相比", role: "comparison", reach: 8 },
  { cue: "接近", role: "comparison", reach: 8 },
  { cue: "现有方法", role: "prior work", reach: 16 },
  { cue: "现有", role: "prior work", reach: 6 },
  { cue: "传统", role: "prior work", reach: 6 },
  { cue: "以往", role: "prior work", reach: 6 },
  { cue: "先前", role: "prior work", reach: 6 },
];

/** Cues that follow the hit ("RAG和ICL等", "蒸馏基线"). */
export const CJK_AFTER_CUES: readonly CjkCue[] = [
  { cue: "等", role: "list", reach: 4 },
  { cue: "基线", role: "comparison", reach: 3 },
  { cue: "相比", role: "comparison", reach: 3 },
];

/**
 * An instrument of the study: "利用视觉语言模型进行评估" (evaluated with a VLM), "通过GPT-4V评估". Both a
 * cue of use before the hit and a cue of judging after it, so "对视觉语言模型进行评估" (evaluating VLMs)
 * is not one.
 */
const TOOL_BEFORE = ["利用", "使用", "借助", "采用", "通过", "由"];
const TOOL_AFTER = ["评估", "评价", "评判", "打分", "评分"];
const TOOL_BEFORE_REACH = 2;
const TOOL_AFTER_REACH = 12;

/** Where a Chinese clause ends: a cue's reach stops there. The list comma 、 does not end one. */
const CLAUSE_END = /[，,。；;：:！？]/gu;

/** Whether the text holds Chinese characters (only then do the Chinese cues apply). */
const HAS_CJK = /\p{Script=Han}/u;

/** The passing role of a hit at `[start, end)` of a Chinese `sentence`, or null. */
export function cjkPassingRole(sentence: string, start: number, end: number): PassingMention | null {
  if (!HAS_CJK.test(sentence)) return null;
  let from = 0;
  for (const m of sentence.slice(0, start).matchAll(CLAUSE_END)) from = m.index + m[0].length;
  const before = sentence.slice(from, start);
  for (const cue of CJK_BEFORE_CUES) {
    const at = lastCueIndex(before, cue);
    if (at >= 0 && before.length - (at + cue.cue.length) <= cue.reach) return { role: cue.role, cue: cue.cue };
  }
  const rest = sentence.slice(end);
  const stop = rest.search(/[，,。；;：:！？]/u);
  const after = stop < 0 ? rest : rest.slice(0, stop);
  const used = TOOL_BEFORE.some((cue) => {
    const at = before.lastIndexOf(cue);
    return at >= 0 && before.length - (at + cue.length) <= TOOL_BEFORE_REACH;
  });
  if (used && TOOL_AFTER.some((cue) => after.slice(0, TOOL_AFTER_REACH + cue.length).includes(cue))) return { role: "tool", cue: "用…评估" };
  for (const cue of CJK_AFTER_CUES) {
    const at = after.indexOf(cue.cue);
    if (at >= 0 && at <= cue.reach) return { role: cue.role, cue: cue.cue };
  }
  return null;
}

function lastCueIndex(text: string, cue: CjkCue): number {
  let at = text.lastIndexOf(cue.cue);
  while (at >= 0) {
    const next = text[at + cue.cue.length];
    if (cue.notBefore === undefined || next === undefined || !cue.notBefore.includes(next)) return at;
    at = at === 0 ? -1 : text.lastIndexOf(cue.cue, at - 1);
  }
  return -1;
}
