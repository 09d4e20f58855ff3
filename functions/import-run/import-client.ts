import type { LivePersonClient } from '../liveperson/liveperson-client.js';

/**
 * What an import run needs of LivePerson: the reads, the writes, the revisions they chain on and
 * the request count. The LivePerson client is one; a test's recording client is another.
 */
export type ImportClient = Pick<
  LivePersonClient,
  | 'prepare'
  | 'listSpecialOccasions'
  | 'listSkills'
  | 'listWorkdays'
  | 'createSpecialOccasion'
  | 'createSpecialOccasions'
  | 'updateSpecialOccasions'
  | 'updateSkills'
  | 'revision'
  | 'requests'
  | 'close'
>;
