import fs from 'node:fs';

/** The last `lines` lines of a log file, or a note saying it is empty or missing. */
export function logTail(file: string, lines = 30): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return `(no log at ${file})`;
  }
  const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
  return tail === '' ? `(${file} is empty)` : `last lines of ${file}:\n${tail}`;
}
