/** How the CLI colours text: ANSI on a terminal, plain otherwise. */
export interface Palette {
  closed: (text: string) => string;
  partial: (text: string) => string;
  heading: (text: string) => string;
}

export const PLAIN: Palette = { closed: (t) => t, partial: (t) => t, heading: (t) => t };
export const ANSI: Palette = {
  closed: (t) => `\x1b[1;31m${t}\x1b[0m`,
  partial: (t) => `\x1b[33m${t}\x1b[0m`,
  heading: (t) => `\x1b[1m${t}\x1b[0m`,
};
