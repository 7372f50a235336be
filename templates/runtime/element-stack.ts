import type { LiveOffsets } from "./text-window.js";

/**
 * The open elements, outermost first, and the one closed last: what error paths name. Parallel
 * arrays avoid an allocation per element. Start offsets are document offsets.
 */
export class ElementStack implements LiveOffsets {
  depth = 0;
  private readonly qnames: string[] = [];
  private readonly locals: string[] = [];
  private readonly starts: number[] = [];
  private readonly indexes: number[] = [];
  private readonly declared: (readonly string[] | null)[] = [];
  // The element most recently closed, so that a value found bad after reading can be located.
  closedLocal = "";
  closedStart = 0;
  private closedIndex = 0;

  push(qname: string, localName: string, start: number, declared: readonly string[] | null): void {
    const d = this.depth;
    this.qnames[d] = qname;
    this.locals[d] = localName;
    this.starts[d] = start;
    this.indexes[d] = 0;
    this.declared[d] = declared;
    this.depth = d + 1;
  }

  /** Closes the innermost element; returns the prefixes it declared (null when none). */
  pop(): readonly string[] | null {
    const d = --this.depth;
    this.closedLocal = this.locals[d] as string;
    this.closedStart = this.starts[d] as number;
    this.closedIndex = this.indexes[d] as number;
    return this.declared[d] ?? null;
  }

  /** Qualified name of the innermost open element as written ("" when none). */
  get topName(): string {
    return this.qnames[this.depth - 1] ?? "";
  }

  /** Document offset of the innermost open element's start tag (0 when none). */
  get topStart(): number {
    return this.starts[this.depth - 1] ?? 0;
  }

  setIndex(index: number): void {
    this.indexes[this.depth - 1] = index;
  }

  /** The element closed last, as a path segment: `Notification[2]`. */
  get closedSegment(): string {
    return this.closedIndex > 0 ? `${this.closedLocal}[${this.closedIndex}]` : this.closedLocal;
  }

  liveOffsets(): number[] {
    const live = this.starts.slice(0, this.depth);
    live.push(this.closedStart);
    return live;
  }

  /** The path of the open elements by local names (the innermost 16), then `last` when given. */
  path(last: string): string {
    const depth = this.depth;
    const segments: string[] = [];
    for (let i = Math.max(0, depth - 16); i < depth; i++) {
      const index = this.indexes[i] ?? 0;
      segments.push(index > 0 ? `${this.locals[i]}[${index}]` : (this.locals[i] as string));
    }
    if (last !== "") segments.push(last);
    return (depth > 16 ? "/…/" : "/") + segments.join("/");
  }
}
