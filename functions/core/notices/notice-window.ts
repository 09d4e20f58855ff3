/**
 * How far a notice looks ahead. Its own module, without imports: the CLI's argument parser reads
 * it on every start, `--help` included, and must not load the holiday and zone libraries for it.
 */
export const DEFAULT_NOTICE_DAYS = 14;
export const MAX_NOTICE_DAYS = 366;
