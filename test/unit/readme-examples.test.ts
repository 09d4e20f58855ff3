import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSecret } from '../../functions/aws/secret-credentials.js';
import { parseConfigText } from '../../functions/core/config/config-validation.js';

/** Every example a user may copy out of README.md works as it stands. */
const readme = readFileSync('README.md', 'utf8');
const jsonBlocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const secretStrings = [...readme.matchAll(/--secret-string '([^']+)'/g)].map((match) => match[1] ?? '');

describe('README.md examples', () => {
  it('has JSON examples and no jsonc ones', () => {
    expect(jsonBlocks.length).toBeGreaterThanOrEqual(2);
    expect(readme).not.toContain('```jsonc');
  });

  it.each(jsonBlocks.map((block, index) => [index, block]))(
    'JSON example %i parses as it stands',
    (_index, block) => {
      expect(() => JSON.parse(block)).not.toThrow();
    },
  );

  it('the configuration example is a valid config', () => {
    const config = jsonBlocks.find((block) => block.includes('"calendars"'));
    expect(config).toBeDefined();
    expect(parseConfigText(config ?? '', 'README.md').calendars[0]?.name).toBe('Holidays DE-BY');
  });

  it.each(jsonBlocks.filter((block) => block.includes('"accountId"')).map((block, index) => [index, block]))(
    'configuration example %i is a valid config',
    (_index, block) => {
      expect(() => parseConfigText(block, 'README.md')).not.toThrow();
    },
  );

  it('the India example adds the company list through extraEvents', () => {
    const india = jsonBlocks.find((block) => block.includes('"IN-KA"'));
    const calendar = parseConfigText(india ?? '', 'README.md').calendars[0];
    expect(calendar?.extraEvents.map((extra) => extra.name)).toContain('Diwali');
  });

  it.each(secretStrings.map((text) => [JSON.parse(text).authType, text]))(
    'the %s secret of create-secret has the shape the importer reads',
    (_authType, text) => {
      expect(() => parseSecret('README', text)).not.toThrow();
    },
  );
});

describe('README.md "Known data corrections"', () => {
  it('lists every entry of the corrections table', async () => {
    const { HOLIDAY_CORRECTIONS } = await import('../../functions/core/holidays/holiday-corrections.js');
    const section = readme.slice(readme.indexOf('## Known data corrections'), readme.indexOf('## Commands'));
    for (const entry of HOLIDAY_CORRECTIONS) {
      expect(section, entry.id).toContain(`\`${entry.id}\``);
      expect(section, entry.id).toContain(entry.source.url);
    }
  });
});
