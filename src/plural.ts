// Counts in messages, for the CLI (`wrote 3 files`) and the sender's report (`sent 2 messages`).

/** `1 file`, `2 files`: the count with its noun, `words` for any count but one (`retries`). */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}
