import type { CityManifest } from '@kyodo/kit';

export const manifest: CityManifest = {
  name: 'ueda',
  typeName: 'Ueda',
  code: '202037',
  documents: ['documents/ueda-2020.yaml'],
};
