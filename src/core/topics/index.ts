/**
 * The topic index: many topics compiled once, keyed by the rarest term each one requires. A paper looks
 * up its own keys and verifies only the topics found there, so the cost of a digest grows with its
 * papers and the topics that (nearly) match them — not with the number of topics loaded.
 *
 * `add` and `remove` are incremental; identical topic texts (many channels subscribe to `llm`) share one
 * compiled topic.
 */
import type { Paper } from "../paper.js";
import type { CompiledClause, CompiledTopic } from "./compile.js";
import { compileTopicText } from "./compile.js";
import type { TopicError } from "./ast.js";
import type { TopicLimits } from "./limits.js";
import { verifyTopic } from "./match.js";
import type { TopicMatch } from "./match.js";
import { preparePaper } from "./prepare.js";
import type { PreparedPaper } from "./prepare.js";
import { DEFAULT_TERM_STATS } from "./term-stats.js";
import type { TermStats } from "./term-stats.js";

/** One topic that matched one paper, under the caller's id (e.g. the store's topic id). */
export interface IndexMatch<Id> {
  id: Id;
  match: TopicMatch;
}

export interface PaperMatches<Id> {
  paper: PreparedPaper;
  matches: IndexMatch<Id>[];
}

interface Slot<Id> {
  topic: CompiledTopic;
  ids: Id[];
  keys: string[];
  /** Last lookup round this slot was collected in, to de-duplicate candidates without a Set. */
  round: number;
}

export interface TopicIndexOptions {
  stats?: TermStats;
  limits?: TopicLimits;
}

export class TopicIndex<Id = number> {
  private readonly byKey = new Map<string, Slot<Id>[]>();
  private readonly byText = new Map<string, Slot<Id>>();
  private readonly byId = new Map<Id, Slot<Id>>();
  private readonly stats: TermStats;
  private readonly limits: TopicLimits | undefined;
  private round = 0;

  constructor(options: TopicIndexOptions = {}) {
    this.stats = options.stats ?? DEFAULT_TERM_STATS;
    this.limits = options.limits;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds (or replaces) the topic under `id`. Returns the syntax error instead when the text is invalid. */
  add(id: Id, topic: string | CompiledTopic): TopicError | null {
    let compiled: CompiledTopic;
    if (typeof topic === "string") {
      const text = topic.trim();
      const existing = this.byText.get(text);
      if (existing !== undefined) {
        this.attach(id, existing);
        return null;
      }
      const result = compileTopicText(text, this.limits);
      if (!result.ok) return result.error;
      compiled = result.topic;
    } else compiled = topic;
    const slot = this.byText.get(compiled.text) ?? this.createSlot(compiled);
    this.attach(id, slot);
    return null;
  }

  remove(id: Id): boolean {
    const slot = this.byId.get(id);
    if (slot === undefined) return false;
    this.byId.delete(id);
    const at = slot.ids.indexOf(id);
    if (at >= 0) slot.ids.splice(at, 1);
    if (slot.ids.length === 0) {
      this.byText.delete(slot.topic.text);
      for (const key of slot.keys) {
        const list = this.byKey.get(key);
        if (list === undefined) continue;
        const i = list.indexOf(slot);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.byKey.delete(key);
      }
    }
    return true;
  }

  has(id: Id): boolean {
    return this.byId.has(id);
  }

  /** Every topic of the index that matches the paper. */
  matchPaper(paper: Paper | PreparedPaper): IndexMatch<Id>[] {
    const prepared = "postings" in paper ? paper : preparePaper(paper);
    const round = ++this.round;
    const out: IndexMatch<Id>[] = [];
    for (const key of prepared.keys) {
      const slots = this.byKey.get(key);
      if (slots === undefined) continue;
      for (const slot of slots) {
        if (slot.round === round) continue;
        slot.round = round;
        const match = verifyTopic(slot.topic, prepared);
        if (match !== null) for (const id of slot.ids) out.push({ id, match });
      }
    }
    return out;
  }

  /** Matches a whole digest; papers are prepared once each. */
  matchPapers(papers: ReadonlyArray<Paper | PreparedPaper>): PaperMatches<Id>[] {
    return papers.map((paper) => {
      const prepared = "postings" in paper ? paper : preparePaper(paper);
      return { paper: prepared, matches: this.matchPaper(prepared) };
    });
  }

  private attach(id: Id, slot: Slot<Id>): void {
    if (this.byId.get(id) === slot) return;
    if (this.byId.has(id)) this.remove(id);
    slot.ids.push(id);
    this.byId.set(id, slot);
    // remove() may have dropped the slot when it was the id's previous one; put it back.
    if (!this.byText.has(slot.topic.text)) this.register(slot);
  }

  private createSlot(topic: CompiledTopic): Slot<Id> {
    const slot: Slot<Id> = { topic, ids: [], keys: chooseKeys(topic, this.stats), round: 0 };
    this.register(slot);
    return slot;
  }

  private register(slot: Slot<Id>): void {
    this.byText.set(slot.topic.text, slot);
    for (const key of slot.keys) {
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [slot]);
      else list.push(slot);
    }
  }
}

/**
 * The keys to file a topic under: for its cheapest positive clause, the rarest key of each alternative
 * (a paper that matches the topic satisfies that clause, so it has at least one of those keys).
 */
export function chooseKeys(topic: CompiledTopic, stats: TermStats): string[] {
  let best: string[] = [];
  let bestCost = Infinity;
  for (const clause of topic.clauses) {
    if (clause.negated) continue;
    const { keys, cost } = clauseKeys(clause, stats);
    if (cost < bestCost) {
      best = keys;
      bestCost = cost;
    }
  }
  return [...new Set(best)];
}

function clauseKeys(clause: CompiledClause, stats: TermStats): { keys: string[]; cost: number } {
  const keys: string[] = [];
  let cost = 0;
  for (const alt of clause.alternatives) {
    let rarest = alt.keys[0]!;
    let rarestFreq = stats.frequency(rarest);
    for (const key of alt.keys) {
      const f = stats.frequency(key);
      if (f < rarestFreq) {
        rarest = key;
        rarestFreq = f;
      }
    }
    keys.push(rarest);
    cost += rarestFreq;
  }
  return { keys, cost };
}
