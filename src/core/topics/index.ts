/**
 * The topic index: many topics compiled once, filed under the rarest term each one requires. A paper
 * looks up its own keys and verifies only the topics found there, so the cost of a digest grows with its
 * papers and the topics that (nearly) match them — not with the number of topics loaded.
 *
 * Topics that compile to the same thing (`LLM`, `llm`, `LLMs` in a thousand channels) share one entry,
 * and clauses shared between topics are evaluated once per paper. `add` and `remove` are incremental.
 */
import type { Paper } from "../paper.js";
import type { TopicError } from "./ast.js";
import { chooseKeys } from "./choose-keys.js";
import { compileTopicText } from "./compile.js";
import type { CompiledClause, CompiledTopic } from "./compile.js";
import type { TopicLimits } from "./limits.js";
import { clauseHolds } from "./match.js";
import { IndexMatch, type PaperMatches } from "./index-match.js";
import { decodeOwnKey, encodeKey } from "./index-keys.js";
import type { IndexKey } from "./index-keys.js";
import { visitNeighbours } from "./neighbours.js";
import { forEachCjkRun, paperCjkChars, preparePaper } from "./prepare.js";
import type { PreparedPaper } from "./prepare.js";
import { topicSignature, clauseSignature } from "./signature.js";
import { DEFAULT_TERM_STATS } from "./term-stats.js";
import { cjkPairCode, cjkTripleCode } from "./text.js";
import type { TermStats } from "./term-stats.js";

/** A clause shared by every topic that has it, with its result for the paper being matched. */
interface ClauseNode {
  clause: CompiledClause;
  users: number;
  round: number;
  holds: boolean;
}

interface Slot<Id> {
  signature: string;
  topic: CompiledTopic;
  nodes: ClauseNode[];
  members: Array<{ id: Id; text: string }>;
  keys: string[];
  /** Last lookup round this slot was collected in, to de-duplicate candidates without a Set. */
  round: number;
}

/**
 * Everything filed under one key a paper lists (a word stem, title word, author word or category): looked
 * up once per key of each paper. `byCategory`: topics that also need one category (qualified keys);
 * `next`: strict phrases by the stem that follows this one (pair keys); `near`: flexible phrases by the
 * stem within a few words of this one, this being the rarer of the two (near keys).
 */
interface KeyEntry<Id> {
  own: Slot<Id>[] | null;
  byCategory: Map<string, Slot<Id>[]> | null;
  next: Map<string, Slot<Id>[]> | null;
  near: Map<string, Slot<Id>[]> | null;
}

type Shelf = "own" | "byCategory" | "next" | "near";

/** What filing needs of a shelf (a Map is one). */
interface Lists<Id> {
  get(name: string | number): Slot<Id>[] | undefined;
  set(name: string | number, list: Slot<Id>[]): void;
  delete(name: string | number): void;
}

/** Where one key's slots are kept; `key`: the entry's key, when the list is in a `KeyEntry`. */
interface Place<Id> {
  lists: Lists<Id>;
  name: string | number;
  key: string | null;
}

export interface TopicIndexOptions {
  /** Term frequencies to pick each topic's rarest term (default: built-in estimates). */
  stats?: TermStats;
  limits?: TopicLimits;
}

export class TopicIndex<Id = number> {
  private readonly byKey = new Map<string, KeyEntry<Id>>();
  /** Slots filed under one CJK character, by code point: papers list those on demand. */
  private readonly byCjkChar = new Map<number, Slot<Id>[]>();
  /** Slots filed under a pair of neighbouring CJK characters, by `cjkPairCode`. */
  private readonly byCjkPair = new Map<number, Slot<Id>[]>();
  /** Slots filed under three neighbouring CJK characters, by `cjkTripleCode`. */
  private readonly byCjkTriple = new Map<number, Slot<Id>[]>();
  private readonly bySignature = new Map<string, Slot<Id>>();
  private readonly byText = new Map<string, Slot<Id>>();
  private readonly byId = new Map<Id, Slot<Id>>();
  private readonly clauses = new Map<string, ClauseNode>();
  private readonly stats: TermStats;
  private readonly limits: TopicLimits | undefined;
  private round = 0;
  /** Reused by `matchPaper` for the lists `visitNeighbours` finds. */
  private readonly neighbourLists: Slot<Id>[][] = [];

  constructor(options: TopicIndexOptions = {}) {
    this.stats = options.stats ?? DEFAULT_TERM_STATS;
    this.limits = options.limits;
  }

  /** Number of ids (topics as added). */
  get size(): number {
    return this.byId.size;
  }

  /** Number of distinct compiled topics. */
  get distinct(): number {
    return this.bySignature.size;
  }

  /** Adds (or replaces) the topic under `id`. Returns the syntax error instead when the text is invalid. */
  add(id: Id, topic: string | CompiledTopic): TopicError | null {
    const text = typeof topic === "string" ? topic.trim() : topic.text;
    let compiled = typeof topic === "string" ? null : topic;
    if (compiled === null && !this.byText.has(text)) {
      const result = compileTopicText(text, this.limits);
      if (!result.ok) return result.error;
      compiled = result.topic;
    }
    // Removed first: re-adding an id with its own text must not leave it in a slot it just emptied.
    this.remove(id);
    let slot = typeof topic === "string" ? this.byText.get(text) : undefined;
    if (slot === undefined) {
      if (compiled === null) {
        const result = compileTopicText(text, this.limits);
        if (!result.ok) return result.error;
        compiled = result.topic;
      }
      slot = this.slotFor(compiled);
    }
    slot.members.push({ id, text });
    this.byId.set(id, slot);
    this.byText.set(text, slot);
    return null;
  }

  remove(id: Id): boolean {
    const slot = this.byId.get(id);
    if (slot === undefined) return false;
    this.byId.delete(id);
    const at = slot.members.findIndex((m) => m.id === id);
    const [member] = slot.members.splice(at, 1);
    if (member !== undefined && !slot.members.some((m) => m.text === member.text)) this.byText.delete(member.text);
    if (slot.members.length === 0) this.dropSlot(slot);
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
    const categories = prepared.categories;
    for (const key of prepared.keys) {
      const entry = this.byKey.get(key);
      if (entry === undefined) continue;
      if (entry.own !== null) this.verify(entry.own, prepared, round, out);
      if (entry.byCategory !== null) {
        // A repeated category finds nothing new: its slots are already this round's.
        for (let i = 0; i < categories.length; i++) {
          const slots = entry.byCategory.get(categories[i]!);
          if (slots !== undefined) this.verify(slots, prepared, round, out);
        }
      }
      if (entry.next !== null || entry.near !== null) {
        const postings = prepared.postings.get(key);
        if (postings !== undefined) {
          const found = this.neighbourLists;
          visitNeighbours(prepared, postings, entry.next, entry.near, found);
          for (let i = 0; i < found.length; i++) this.verify(found[i]!, prepared, round, out);
          found.length = 0;
        }
      }
    }
    if (this.byCjkPair.size > 0 || this.byCjkTriple.size > 0) {
      forEachCjkRun(prepared, this.byCjkTriple.size > 0, (pair, triple) => {
        const slots = this.byCjkPair.get(pair);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
        const longer = triple < 0 ? undefined : this.byCjkTriple.get(triple);
        if (longer !== undefined) this.verify(longer, prepared, round, out);
      });
    }
    if (this.byCjkChar.size > 0) {
      for (const code of paperCjkChars(prepared)) {
        const slots = this.byCjkChar.get(code);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
      }
    }
    return out;
  }

  private verify(slots: Slot<Id>[], paper: PreparedPaper, round: number, out: IndexMatch<Id>[]): void {
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.round === round) continue;
      slot.round = round;
      if (!this.holds(slot, paper, round)) continue;
      const members = slot.members;
      const first = new IndexMatch(members[0]!.id, members[0]!.text, slot.topic, paper);
      out.push(first);
      for (let k = 1; k < members.length; k++) out.push(new IndexMatch(members[k]!.id, members[k]!.text, slot.topic, paper, first));
    }
  }

  /** Where a key's slots are kept: a list `name` in `lists`, and the entry holding it (for pruning). */
  private place(key: IndexKey, create: boolean): Place<Id> | null {
    switch (key.kind) {
      case "cjk":
        if (key.codes.length === 1) return { lists: this.byCjkChar, name: key.codes[0]!, key: null };
        if (key.codes.length === 2) return { lists: this.byCjkPair, name: cjkPairCode(key.codes[0]!, key.codes[1]!), key: null };
        return { lists: this.byCjkTriple, name: cjkTripleCode(key.codes[0]!, key.codes[1]!, key.codes[2]!), key: null };
      case "pair":
        return this.shelf(key.first, "next", key.second, create);
      case "near": {
        // Filed under the rarer stem: papers walk the neighbours of each occurrence of that one.
        const firstRarer = this.stats.frequency(key.first) <= this.stats.frequency(key.second);
        return firstRarer ? this.shelf(key.first, "near", key.second, create) : this.shelf(key.second, "near", key.first, create);
      }
      case "qualified":
        // Only keys a paper lists among its `keys` can be qualified (choose-keys.ts); others stand alone.
        return key.key.kind === "word" || key.key.kind === "title" || key.key.kind === "author" || key.key.kind === "category"
          ? this.shelf(encodeKey(key.key), "byCategory", key.category, create)
          : this.place(key.key, create);
      default:
        return this.shelf(encodeKey(key), "own", "", create);
    }
  }

  private shelf(key: string, shelf: Shelf, name: string, create: boolean): Place<Id> | null {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      if (!create) return null;
      entry = { own: null, byCategory: null, next: null, near: null };
      this.byKey.set(key, entry);
    }
    if (shelf === "own") return { lists: new OwnList(entry), name, key };
    let lists = entry[shelf];
    if (lists === null) {
      if (!create) return null;
      lists = entry[shelf] = new Map();
    }
    return { lists, name, key };
  }

  private file(key: string, slot: Slot<Id>): void {
    const place = this.place(decodeOwnKey(key), true)!;
    const list = place.lists.get(place.name);
    if (list !== undefined) list.push(slot);
    else place.lists.set(place.name, [slot]);
  }

  private unfile(key: string, slot: Slot<Id>): void {
    const place = this.place(decodeOwnKey(key), false);
    const list = place?.lists.get(place.name);
    if (place === null || list === undefined) return;
    const i = list.indexOf(slot);
    if (i >= 0) list.splice(i, 1);
    if (list.length > 0) return;
    place.lists.delete(place.name);
    if (place.key !== null) this.prune(place.key);
  }

  /** Drops what an entry has left empty, and the entry once nothing is filed under its key. */
  private prune(key: string): void {
    const entry = this.byKey.get(key);
    if (entry === undefined) return;
    if (entry.byCategory?.size === 0) entry.byCategory = null;
    if (entry.next?.size === 0) entry.next = null;
    if (entry.near?.size === 0) entry.near = null;
    if (entry.own === null && entry.byCategory === null && entry.next === null && entry.near === null) this.byKey.delete(key);
  }

  /** Matches a whole digest; papers are prepared once each. */
  matchPapers(papers: ReadonlyArray<Paper | PreparedPaper>): PaperMatches<Id>[] {
    return papers.map((paper) => {
      const prepared = "postings" in paper ? paper : preparePaper(paper);
      return { paper: prepared, matches: this.matchPaper(prepared) };
    });
  }

  private holds(slot: Slot<Id>, paper: PreparedPaper, round: number): boolean {
    for (const node of slot.nodes) {
      if (node.round !== round) {
        node.round = round;
        node.holds = clauseHolds(node.clause, paper);
      }
      if (node.holds === node.clause.negated) return false;
    }
    return true;
  }

  private slotFor(topic: CompiledTopic): Slot<Id> {
    const signature = topicSignature(topic);
    const existing = this.bySignature.get(signature);
    if (existing !== undefined) return existing;
    // Cheap clauses first (categories, authors), exclusions last: most candidates fail on the former.
    const nodes = [...topic.clauses].sort((a, b) => clauseCost(a) - clauseCost(b)).map((clause) => this.clauseNode(clause));
    const slot: Slot<Id> = { signature, topic, nodes, members: [], keys: chooseKeys(topic, this.stats), round: 0 };
    this.bySignature.set(signature, slot);
    for (const key of slot.keys) this.file(key, slot);
    return slot;
  }

  private clauseNode(clause: CompiledClause): ClauseNode {
    const signature = clauseSignature(clause);
    let node = this.clauses.get(signature);
    if (node === undefined) {
      node = { clause, users: 0, round: 0, holds: false };
      this.clauses.set(signature, node);
    }
    node.users++;
    return node;
  }

  private dropSlot(slot: Slot<Id>): void {
    this.bySignature.delete(slot.signature);
    for (const key of slot.keys) this.unfile(key, slot);
    for (const node of slot.nodes) {
      node.users--;
      if (node.users === 0) this.clauses.delete(clauseSignature(node.clause));
    }
  }
}

function clauseCost(clause: CompiledClause): number {
  if (clause.negated) return 3;
  return clause.field === "cat" ? 0 : clause.field === "author" ? 1 : 2;
}

/** The `own` list of an entry, behind the same three calls as every other shelf's Map. */
class OwnList<Id> implements Lists<Id> {
  constructor(private readonly entry: KeyEntry<Id>) {}
  get(): Slot<Id>[] | undefined {
    return this.entry.own ?? undefined;
  }
  set(_name: string | number, list: Slot<Id>[]): void {
    this.entry.own = list;
  }
  delete(): void {
    this.entry.own = null;
  }
}
