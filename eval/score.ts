/**
 * Scoring of keyword-subscription predictions, exactly as ../shared/eval/score.py does it: per query
 * relevant / predicted / TP / FP / FN / P / R / F1, then micro (pooled counts) and macro (mean) rows.
 */

export interface LabelledQuery {
  query: string;
  relevant: string[];
}

export interface ScoreRow {
  query: string;
  relevant: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreResult {
  perQuery: ScoreRow[];
  micro: ScoreRow;
  macro: { precision: number; recall: number; f1: number };
}

/** `2602.03708v2`, `arXiv:2602.03708`, `https://arxiv.org/abs/2602.03708` → `2602.03708`. */
export function normId(raw: string): string {
  return raw
    .trim()
    .replace(/^https?:\/\/arxiv\.org\/(abs|pdf)\//, "")
    .replace(/\.pdf$/, "")
    .replace(/^arxiv:/i, "")
    .replace(/v\d+$/, "");
}

/** Precision is 0 when nothing is predicted; recall 1 when nothing is relevant (score.py's `prf`). */
export function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function scorePredictions(queries: readonly LabelledQuery[], predictions: ReadonlyMap<string, readonly string[]>): ScoreResult {
  const perQuery = queries.map((q): ScoreRow => {
    const relevant = new Set(q.relevant.map(normId));
    const predicted = new Set((predictions.get(q.query) ?? []).map(normId));
    let tp = 0;
    for (const id of predicted) if (relevant.has(id)) tp++;
    const fp = predicted.size - tp;
    const fn = relevant.size - tp;
    return { query: q.query, relevant: relevant.size, predicted: predicted.size, tp, fp, fn, ...prf(tp, fp, fn) };
  });
  const sum = (pick: (r: ScoreRow) => number): number => perQuery.reduce((s, r) => s + pick(r), 0);
  const tp = sum((r) => r.tp);
  const fp = sum((r) => r.fp);
  const fn = sum((r) => r.fn);
  const micro: ScoreRow = { query: "micro", relevant: sum((r) => r.relevant), predicted: sum((r) => r.predicted), tp, fp, fn, ...prf(tp, fp, fn) };
  const n = perQuery.length || 1;
  const macro = { precision: sum((r) => r.precision) / n, recall: sum((r) => r.recall) / n, f1: sum((r) => r.f1) / n };
  return { perQuery, micro, macro };
}
