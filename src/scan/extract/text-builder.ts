// Collects the text of one document up to maxDocumentTextChars, so that a document
// with a small file and a huge text (a sheet of a million rows) stays bounded.

export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  /** Text was dropped because the limit was reached. */
  truncated = false;

  constructor(private readonly maxChars: number) {}

  push(s: string): void {
    if (s.length === 0 || this.truncated) return;
    const room = this.maxChars - this.length;
    if (s.length > room) {
      this.truncated = true;
      s = s.slice(0, Math.max(0, room));
    }
    this.parts.push(s);
    this.length += s.length;
  }

  /** Ends a line unless the text is empty or already ends one. */
  endLine(): void {
    const last = this.parts[this.parts.length - 1];
    if (last !== undefined && !last.endsWith('\n')) this.push('\n');
  }

  toString(): string {
    return this.parts.join('');
  }
}
