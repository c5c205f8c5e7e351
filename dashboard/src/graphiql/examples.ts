/**
 * The example queries of the README ("## Example queries"), one tab each: the README stays the one
 * place where they are written, and GraphiQL opens with them ready to run.
 */
export function readmeExamples(markdown: string): { query: string }[] {
  const section = markdown.split(/^## Example queries\s*$/m)[1] ?? '';
  const block = /```graphql\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const examples: string[][] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('#')) examples.push([line]);
    else if (line.trim() && examples.length) examples.at(-1)!.push(line);
  }
  return examples.map((lines) => ({ query: `${lines.join('\n')}\n` }));
}
