import { describe, expect, it } from 'vitest';
import { argDefaults, finalStage, parseDockerfile } from './dockerfile';

const dockerfile = `# syntax=docker/dockerfile:1
ARG BASE=node:24-bookworm-slim
ARG EMPTY

FROM \${BASE} AS build
# a comment
RUN echo one \\
    && echo two
ARG BASE=ignored

FROM \${BASE}
USER node
CMD ["node", "main.js"]
`;

describe('parseDockerfile', () => {
  it('yields instructions, joining continuation lines and skipping comments', () => {
    expect(parseDockerfile(dockerfile).map((instruction) => instruction.keyword)).toEqual([
      'ARG',
      'ARG',
      'FROM',
      'RUN',
      'ARG',
      'FROM',
      'USER',
      'CMD',
    ]);
    expect(parseDockerfile(dockerfile)[3]).toEqual({
      keyword: 'RUN',
      value: 'echo one && echo two',
    });
  });

  it('finds the final stage and the ARG defaults', () => {
    const instructions = parseDockerfile(dockerfile);
    expect(finalStage(instructions).map((instruction) => instruction.keyword)).toEqual([
      'FROM',
      'USER',
      'CMD',
    ]);
    expect(argDefaults(instructions)).toEqual({ BASE: 'node:24-bookworm-slim', EMPTY: undefined });
  });
});
