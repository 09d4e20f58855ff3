import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

let configured = false;

/**
 * zod/mini ships no messages (that keeps it small): its English ones are the messages users read
 * in config, event and answer errors, as the full zod gives them.
 */
export function useEnglishMessages(): void {
  if (configured) return;
  z.config(en());
  configured = true;
}
