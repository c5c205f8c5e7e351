import type { CityManifest } from '@kyodo/kit';

export const manifest: CityManifest = {
  name: 'komagane',
  typeName: 'Komagane',
  code: '202100',
  documents: ['documents/komagane-2007.yaml'],
};
