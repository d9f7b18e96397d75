export interface DockerInstruction {
  /** Upper-cased keyword: FROM, ARG, RUN, COPY, USER, CMD, ... */
  keyword: string;
  /** The rest of the instruction, continuation lines joined with single spaces. */
  value: string;
}

/** Dockerfile instructions in order; comments, blank lines and `\` continuations handled. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === '')) continue;
    const continued = trimmed.endsWith('\\');
    pending += `${continued ? trimmed.slice(0, -1).trim() : trimmed} `;
    if (continued) continue;
    const [keyword = '', ...rest] = pending.trim().split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), value: rest.join(' ') });
    pending = '';
  }
  return instructions;
}

/** The instructions of the last stage (from its FROM on): what the running image is made of. */
export function finalStage(instructions: DockerInstruction[]): DockerInstruction[] {
  const lastFrom = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return lastFrom < 0 ? [] : instructions.slice(lastFrom);
}

/** `ARG NAME=default` declarations (the first one wins, as before the first FROM). */
export function argDefaults(instructions: DockerInstruction[]): Record<string, string | undefined> {
  const defaults: Record<string, string | undefined> = {};
  for (const { keyword, value } of instructions) {
    if (keyword !== 'ARG') continue;
    const [name = '', ...rest] = value.split('=');
    if (!(name in defaults)) defaults[name] = rest.length > 0 ? rest.join('=') : undefined;
  }
  return defaults;
}
