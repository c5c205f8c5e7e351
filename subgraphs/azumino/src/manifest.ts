import type { CityManifest } from '@kyodo/kit';

export const manifest: CityManifest = {
  name: 'azumino',
  typeName: 'Azumino',
  code: '202207',
  documents: ['documents/azumino-2014.yaml', 'documents/azumino-2024.yaml'],
};
