import { parseArgs } from 'node:util';
import { addCity } from './add-city';

/** npm run city:add -- --code <code> --name <ja> --name-en <en> --prefecture <ja> --prefecture-en <en> */
try {
  const { values } = parseArgs({
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      'name-en': { type: 'string' },
      prefecture: { type: 'string' },
      'prefecture-en': { type: 'string' },
    },
    strict: true,
  });
  const missing = ['code', 'name', 'name-en', 'prefecture', 'prefecture-en'].filter((key) => !values[key as keyof typeof values]);
  if (missing.length) throw new Error(`missing ${missing.map((key) => `--${key}`).join(', ')}`);
  const added = addCity({
    code: values.code!,
    name: values.name!,
    nameEn: values['name-en']!,
    prefecture: values.prefecture!,
    prefectureEn: values['prefecture-en']!,
  });
  console.log(`added ${added.typeName} on port ${added.port}:\n  ${added.files.join('\n  ')}`);
  console.log(
    `next: its seed file seeds/documents/<document>.yaml (municipality "${values.code}") with its source seeds/sources/<document>.txt and .yaml, then npm run compose`,
  );
} catch (error) {
  console.error(`city:add: ${(error as Error).message}`);
  process.exit(2);
}
